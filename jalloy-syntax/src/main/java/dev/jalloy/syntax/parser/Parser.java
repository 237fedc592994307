package dev.jalloy.syntax.parser;

import dev.jalloy.syntax.ast.AccessExpr;
import dev.jalloy.syntax.ast.ArrayExpr;
import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BinaryExpr;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.CallExpr;
import dev.jalloy.syntax.ast.Comment;
import dev.jalloy.syntax.ast.CommentGroup;
import dev.jalloy.syntax.ast.Expr;
import dev.jalloy.syntax.ast.File;
import dev.jalloy.syntax.ast.Ident;
import dev.jalloy.syntax.ast.IdentifierExpr;
import dev.jalloy.syntax.ast.IndexExpr;
import dev.jalloy.syntax.ast.LiteralExpr;
import dev.jalloy.syntax.ast.ObjectExpr;
import dev.jalloy.syntax.ast.ObjectField;
import dev.jalloy.syntax.ast.ParenExpr;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.ast.UnaryExpr;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.scanner.Scanner;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.token.Token;
import dev.jalloy.syntax.token.Utf8;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the Alloy syntax (LL(1), one method per grammar rule, each with its
 * EBNF). It never stops at the first error: it records a diagnostic, skips to a point where parsing
 * can resume the way Alloy's parser does, and goes on, so every error of a file is reported in one
 * pass and the messages and positions match Alloy's.
 *
 * <p>Nesting is bounded ({@value #MAX_NESTING} levels of blocks and expressions) so that
 * pathological input gives a diagnostic instead of a stack overflow in the parser or in the
 * evaluator and formatter that walk the tree afterwards.
 */
public final class Parser {
  /** Deepest nesting of blocks and expressions accepted. Real configs stay below 20. */
  public static final int MAX_NESTING = 500;

  private static final Set<Token> STATEMENT_END =
      EnumSet.of(Token.TERMINATOR, Token.RPAREN, Token.RCURLY, Token.RBRACK, Token.COMMA);

  private final SourceFile file;
  private final Scanner scanner;
  private final Diagnostics diags = new Diagnostics();
  private final List<CommentGroup> comments = new ArrayList<>();

  private int pos;
  private Token tok;
  private String lit;

  private int lastErrorLine; // two parse errors on one line are reported once
  private int lastScannerError = -1; // a parse error at the same spot would only repeat it
  private int depth;
  private boolean tooDeep;

  private Parser(SourceFile file) {
    this.file = file;
    this.scanner =
        new Scanner(
            file,
            (offset, message) -> {
              lastScannerError = offset;
              diags.add(Diagnostic.error(file.position(offset), message));
            });
    next();
  }

  /** Parses a whole file. The tree is usable for formatting only if there are no errors. */
  public static ParseResult parse(SourceFile file) {
    Parser p = new Parser(file);
    try {
      List<Stmt> body = p.parseBody(Token.EOF);
      return new ParseResult(new File(file, body, p.comments), p.diags);
    } catch (StackOverflowError e) {
      // Only reachable on a thread with an unusually small stack: MAX_NESTING keeps ordinary
      // threads safe. Still a diagnostic, never a crash.
      p.diags.add(Diagnostic.error(file.position(p.pos), "nesting too deep to parse"));
      return new ParseResult(new File(file, List.of(), p.comments), p.diags);
    }
  }

  /** Parses a single expression, as used by {@code --config.extra-args} and tests. */
  public static ExpressionResult parseExpression(SourceFile file) {
    Parser p = new Parser(file);
    Expr expr = p.expression();
    if (p.tok == Token.TERMINATOR) {
      p.next();
    }
    if (p.tok != Token.EOF) {
      p.addError("expected EOF, got " + p.tok);
    }
    return new ExpressionResult(expr, p.diags);
  }

  // ---- token handling -------------------------------------------------------------------------

  /** Advances to the next token that is not a comment, collecting comments into groups. */
  private void next() {
    next0();
    while (tok == Token.COMMENT) {
      consumeCommentGroup();
    }
  }

  private void next0() {
    tok = scanner.scan();
    pos = scanner.offset();
    lit = scanner.literal();
  }

  private void consumeCommentGroup() {
    List<Comment> group = new ArrayList<>();
    int endLine = file.position(pos).line();
    while (tok == Token.COMMENT && file.position(pos).line() <= endLine + 1) {
      endLine = file.position(pos).line();
      if (lit.length() > 1 && lit.charAt(1) == '*') {
        endLine += (int) lit.chars().filter(c -> c == '\n').count();
      }
      group.add(new Comment(pos, lit));
      next0();
    }
    comments.add(new CommentGroup(group));
  }

  /** Consumes tokens up to, not including, {@code to} (or EOF). */
  private void advance(Token to) {
    while (tok != Token.EOF && tok != to) {
      next();
    }
  }

  private void advanceAny(Set<Token> to) {
    while (tok != Token.EOF && !to.contains(tok)) {
      next();
    }
  }

  /** Consumes the current token, reporting an error if it is not {@code expected}. */
  private int expect(Token expected) {
    int at = pos;
    if (tok != expected) {
      addError("expected " + expected + ", got " + tok);
    }
    next();
    return at;
  }

  private void addError(String message) {
    if (tok == Token.ILLEGAL && pos == lastScannerError) {
      // The scanner has explained this token already (e.g. 'x' or #); Alloy would add
      // "expected expression, got ILLEGAL" on top, which tells the user nothing more. Other
      // errors at a scanner error's position stay, as Alloy reports them.
      return;
    }
    var at = file.position(pos);
    if (at.line() == lastErrorLine) {
      return;
    }
    lastErrorLine = at.line();
    diags.add(Diagnostic.error(at, message));
  }

  private void addError(int start, int endInclusive, String message) {
    diags.add(Diagnostic.error(file.position(start), file.position(endInclusive), message));
  }

  /** Enters one nesting level; false (with one diagnostic) when the limit is reached. */
  private boolean enter() {
    if (depth >= MAX_NESTING) {
      if (!tooDeep) {
        tooDeep = true;
        diags.add(
            Diagnostic.error(
                file.position(pos),
                "nesting too deep: blocks and expressions may nest at most "
                    + MAX_NESTING
                    + " levels"));
      }
      return false;
    }
    depth++;
    return true;
  }

  private void leave() {
    depth--;
  }

  // ---- statements -----------------------------------------------------------------------------

  /**
   * Parses statements up to, not including, {@code until}.
   *
   * <pre>Body = [ Statement { TERMINATOR Statement } ]</pre>
   */
  private List<Stmt> parseBody(Token until) {
    List<Stmt> body = new ArrayList<>();
    while (tok != until && tok != Token.EOF) {
      Stmt stmt = parseStatement();
      if (stmt != null) {
        body.add(stmt);
      }
      if (tok == until) {
        break;
      }
      if (tok != Token.TERMINATOR) {
        addError("expected " + Token.TERMINATOR + ", got " + tok);
        consumeStatement();
      }
      next();
    }
    return body;
  }

  /** Skips the rest of a statement: up to a terminator outside of any bracket pair opened here. */
  private void consumeStatement() {
    int curly = 0;
    int brack = 0;
    int paren = 0;
    while (tok != Token.EOF) {
      switch (tok) {
        case LCURLY -> curly++;
        case RCURLY -> curly--;
        case LBRACK -> brack++;
        case RBRACK -> brack--;
        case LPAREN -> paren++;
        case RPAREN -> paren--;
        default -> {}
      }
      if (tok == Token.TERMINATOR && curly <= 0 && brack <= 0 && paren <= 0) {
        return;
      }
      next();
    }
  }

  /**
   *
   *
   * <pre>
   * Statement = Attribute | Block
   * Attribute = identifier "=" Expression
   * Block     = BlockName "{" Body "}"
   * </pre>
   */
  private Stmt parseStatement() {
    BlockName name = parseBlockName();
    if (name == null) {
      advance(Token.IDENT);
      return null;
    }
    switch (tok) {
      case ASSIGN -> {
        next();
        if (name.fragments.size() != 1) {
          String joined = String.join(".", name.fragments);
          addError(
              name.start,
              name.start + Utf8.length(joined) - 1,
              "attribute names may only consist of a single identifier with no \".\"");
        } else if (name.labelPos >= 0) {
          addError(
              name.labelPos,
              name.labelPos + Utf8.length(name.label) + 1,
              "attribute names may not have labels");
        }
        return new AttributeStmt(new Ident(name.fragments.getFirst(), name.start), expression());
      }
      case LCURLY -> {
        if (!enter()) {
          consumeStatement();
          return null;
        }
        try {
          int lcurly = expect(Token.LCURLY);
          List<Stmt> body = parseBody(Token.RCURLY);
          int rcurly = expect(Token.RCURLY);
          return new BlockStmt(
              name.fragments, name.start, name.label, name.labelPos, body, lcurly, rcurly);
        } finally {
          leave();
        }
      }
      default -> {
        if (name.fragments.size() == 1 && name.label.isEmpty()) {
          addError("expected attribute assignment or block body, got " + tok);
        } else {
          addError("expected block body, got " + tok);
        }
        advance(Token.IDENT);
        return null;
      }
    }
  }

  private static final class BlockName {
    final List<String> fragments = new ArrayList<>();
    String label = "";
    int start;
    int labelPos = -1;
  }

  /**
   *
   *
   * <pre>BlockName = identifier { "." identifier } [ string ]</pre>
   */
  private BlockName parseBlockName() {
    if (tok != Token.IDENT) {
      addError("expected identifier, got " + tok);
      return null;
    }
    BlockName name = new BlockName();
    name.fragments.add(lit);
    name.start = pos;
    next();
    while (tok == Token.DOT) {
      next();
      if (tok != Token.IDENT) {
        addError("expected identifier, got " + tok);
      }
      name.fragments.add(lit);
      next();
    }
    if (tok != Token.ASSIGN && tok != Token.LCURLY) {
      if (tok == Token.STRING) {
        if (lit.charAt(0) != '"') {
          addError("expected block label to be a double quoted string, but got " + goQuote(lit));
        }
        if (lit.length() > 2) {
          name.label = lit.substring(1, lit.length() - 1);
          if (!Scanner.isValidIdentifier(name.label)) {
            addError(
                "expected block label to be a valid identifier, but got " + goQuote(name.label));
          }
        }
        name.labelPos = pos;
      } else {
        addError("expected block label, got " + tok);
      }
      next();
    }
    return name;
  }

  // ---- expressions ----------------------------------------------------------------------------

  /**
   *
   *
   * <pre>Expression = BinOpExpr</pre>
   */
  private Expr expression() {
    return parseBinOp(1);
  }

  /**
   * Binary operators by precedence climbing: everything at the same level folds into the left
   * operand, higher levels recurse.
   *
   * <pre>
   * OrExpr  = AndExpr { "||" AndExpr }
   * AndExpr = CmpExpr { "&&" CmpExpr }
   * CmpExpr = AddExpr { cmp_op AddExpr }
   * AddExpr = MulExpr { add_op MulExpr }
   * MulExpr = PowExpr { mul_op PowExpr }
   * </pre>
   */
  private Expr parseBinOp(int minPrecedence) {
    Expr lhs = parsePowExpr();
    int added = 0; // each fold deepens the tree the evaluator will walk
    try {
      while (true) {
        Token op = tok;
        int opPos = pos;
        int precedence = op.binaryPrecedence();
        if (precedence < minPrecedence) {
          return lhs;
        }
        if (!enter()) {
          advanceAny(STATEMENT_END);
          return lhs;
        }
        added++;
        next();
        Expr rhs = parseBinOp(precedence + 1);
        lhs = new BinaryExpr(lhs, op, opPos, rhs);
      }
    } finally {
      depth -= added;
    }
  }

  /**
   *
   *
   * <pre>PowExpr = UnaryExpr [ "^" PowExpr ]</pre>
   *
   * (right-associative)
   */
  private Expr parsePowExpr() {
    Expr lhs = parseUnaryExpr();
    if (tok != Token.POW) {
      return lhs;
    }
    int opPos = pos;
    if (!enter()) {
      advanceAny(STATEMENT_END);
      return lhs;
    }
    try {
      next();
      return new BinaryExpr(lhs, Token.POW, opPos, parsePowExpr());
    } finally {
      leave();
    }
  }

  /**
   *
   *
   * <pre>
   * UnaryExpr  = OperExpr | unary_op UnaryExpr
   * OperExpr   = PrimaryExpr { AccessExpr | IndexExpr | CallExpr }
   * AccessExpr = "." identifier
   * IndexExpr  = "[" Expression "]"
   * CallExpr   = "(" [ ExpressionList ] ")"
   * </pre>
   */
  private Expr parseUnaryExpr() {
    if (tok == Token.NOT || tok == Token.SUB) {
      Token op = tok;
      int opPos = pos;
      if (!enter()) {
        advanceAny(STATEMENT_END);
        return nullLiteral(opPos);
      }
      try {
        next();
        return new UnaryExpr(op, opPos, parseUnaryExpr());
      } finally {
        leave();
      }
    }

    Expr primary = parsePrimaryExpr();
    int added = 0;
    try {
      while (true) {
        switch (tok) {
          case DOT, LBRACK, LPAREN -> {
            if (!enter()) {
              advanceAny(STATEMENT_END);
              return primary;
            }
            added++;
            primary = parseOperation(primary);
          }
          case STRING, LCURLY -> {
            // Someone may be assigning a block to an attribute (`x = prometheus.remote_write
            // "a" { ... }`): parse the rest as a block so the error says exactly that.
            if (tok == Token.STRING) {
              next();
            }
            if (tok != Token.LCURLY) {
              expect(Token.LCURLY);
              consumeStatement();
              return primary;
            }
            expect(Token.LCURLY);
            if (!enter()) {
              consumeStatement();
              return primary;
            }
            try {
              parseBody(Token.RCURLY);
            } finally {
              leave();
            }
            int end = pos;
            if (tok != Token.RCURLY) {
              expect(Token.RCURLY);
              consumeStatement();
              return primary;
            }
            next();
            addError(primary.start(), end, "cannot use a block as an expression");
          }
          default -> {
            return primary;
          }
        }
      }
    } finally {
      depth -= added;
    }
  }

  private Expr parseOperation(Expr primary) {
    switch (tok) {
      case DOT -> {
        next();
        int namePos = pos;
        String name = lit;
        expect(Token.IDENT);
        return new AccessExpr(primary, new Ident(name, namePos));
      }
      case LBRACK -> {
        int lbrack = expect(Token.LBRACK);
        Expr index = expression();
        int rbrack = expect(Token.RBRACK);
        return new IndexExpr(primary, lbrack, index, rbrack);
      }
      default -> {
        int lparen = expect(Token.LPAREN);
        List<Expr> args = tok != Token.RPAREN ? parseExpressionList(Token.RPAREN) : List.of();
        int rparen = expect(Token.RPAREN);
        return new CallExpr(primary, lparen, args, rparen);
      }
    }
  }

  /**
   *
   *
   * <pre>
   * PrimaryExpr  = LiteralValue | ArrayExpr | ObjectExpr
   * LiteralValue = identifier | string | number | float | bool | null | "(" Expression ")"
   * ArrayExpr    = "[" [ ExpressionList ] "]"
   * ObjectExpr   = "{" [ FieldList ] "}"
   * </pre>
   */
  private Expr parsePrimaryExpr() {
    switch (tok) {
      case IDENT -> {
        Expr res = new IdentifierExpr(new Ident(lit, pos));
        next();
        return res;
      }
      case STRING, NUMBER, FLOAT, BOOL, NULL -> {
        Expr res = new LiteralExpr(tok, lit, pos);
        next();
        return res;
      }
      case LPAREN, LBRACK, LCURLY -> {
        if (!enter()) {
          int at = pos;
          consumeStatement();
          return nullLiteral(at);
        }
        try {
          return parseBracketed();
        } finally {
          leave();
        }
      }
      default -> {
        addError("expected expression, got " + tok);
        Expr res = nullLiteral(pos);
        advanceAny(STATEMENT_END);
        return res;
      }
    }
  }

  private Expr parseBracketed() {
    switch (tok) {
      case LPAREN -> {
        int lparen = expect(Token.LPAREN);
        Expr inner = expression();
        int rparen = expect(Token.RPAREN);
        return new ParenExpr(lparen, inner, rparen);
      }
      case LBRACK -> {
        int lbrack = expect(Token.LBRACK);
        List<Expr> elements = tok != Token.RBRACK ? parseExpressionList(Token.RBRACK) : List.of();
        int rbrack = expect(Token.RBRACK);
        return new ArrayExpr(lbrack, elements, rbrack);
      }
      default -> {
        int lcurly = expect(Token.LCURLY);
        List<ObjectField> fields = tok != Token.RCURLY ? parseFieldList(Token.RCURLY) : List.of();
        int rcurly = expect(Token.RCURLY);
        return new ObjectExpr(lcurly, fields, rcurly);
      }
    }
  }

  private static LiteralExpr nullLiteral(int at) {
    return new LiteralExpr(Token.NULL, "null", at);
  }

  /**
   *
   *
   * <pre>ExpressionList = Expression { "," Expression } [ "," ]</pre>
   */
  private List<Expr> parseExpressionList(Token until) {
    List<Expr> exprs = new ArrayList<>();
    while (tok != until && tok != Token.EOF) {
      exprs.add(expression());
      if (tok == until) {
        break;
      }
      if (tok != Token.COMMA) {
        addError("missing ',' in expression list");
      }
      next();
    }
    return exprs;
  }

  /**
   *
   *
   * <pre>FieldList = Field { "," Field } [ "," ]</pre>
   */
  private List<ObjectField> parseFieldList(Token until) {
    List<ObjectField> fields = new ArrayList<>();
    while (tok != until && tok != Token.EOF) {
      fields.add(parseField());
      if (tok == until) {
        break;
      }
      if (tok != Token.COMMA) {
        addError("missing ',' in field list");
      }
      next();
    }
    return fields;
  }

  /**
   *
   *
   * <pre>Field = ( string | identifier ) "=" Expression</pre>
   */
  private ObjectField parseField() {
    Ident name = new Ident("", pos);
    boolean quoted = false;
    if (tok == Token.STRING || tok == Token.IDENT) {
      name = new Ident(lit, pos);
      if (tok == Token.STRING && lit.length() > 2) {
        // Alloy takes a quoted key verbatim between the quotes; escapes are not decoded.
        name = new Ident(lit.substring(1, lit.length() - 1), pos);
        quoted = true;
      }
      next();
    } else {
      addError("expected field name (string or identifier), got " + tok);
      advance(Token.ASSIGN);
    }
    expect(Token.ASSIGN);
    return new ObjectField(name, quoted, expression());
  }

  /** Go's {@code %q} for short texts in messages: escapes quotes, backslashes and controls. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
