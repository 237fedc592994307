package dev.jalloy.syntax.token;

/**
 * The lexical tokens of the Alloy syntax. Operator tokens double as the operators of the AST and of
 * value arithmetic, so the evaluator never translates between two enums.
 */
public enum Token {
  ILLEGAL("ILLEGAL"),
  EOF("EOF"),
  COMMENT("COMMENT"),
  IDENT("IDENT"),
  NUMBER("NUMBER"),
  FLOAT("FLOAT"),
  STRING("STRING"),
  BOOL("BOOL"),
  NULL("NULL"),
  OR("||"),
  AND("&&"),
  NOT("!"),
  ASSIGN("="),
  EQ("=="),
  NEQ("!="),
  LT("<"),
  LTE("<="),
  GT(">"),
  GTE(">="),
  ADD("+"),
  SUB("-"),
  MUL("*"),
  DIV("/"),
  MOD("%"),
  POW("^"),
  LCURLY("{"),
  RCURLY("}"),
  LPAREN("("),
  RPAREN(")"),
  LBRACK("["),
  RBRACK("]"),
  COMMA(","),
  DOT("."),
  TERMINATOR("TERMINATOR");

  private final String text;

  Token(String text) {
    this.text = text;
  }

  /** The token as Alloy's messages spell it: the operator itself, or the class name (IDENT). */
  public String text() {
    return text;
  }

  /** Binding power of a binary operator (1 lowest); 0 for tokens that are not binary operators. */
  public int binaryPrecedence() {
    return switch (this) {
      case OR -> 1;
      case AND -> 2;
      case EQ, NEQ, LT, LTE, GT, GTE -> 3;
      case ADD, SUB -> 4;
      case MUL, DIV, MOD -> 5;
      case POW -> 6;
      default -> 0;
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
