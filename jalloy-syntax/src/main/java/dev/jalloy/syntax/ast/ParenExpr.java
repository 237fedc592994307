package dev.jalloy.syntax.ast;

/** {@code (inner)}; kept in the tree so the formatter prints the parentheses as written. */
public record ParenExpr(int lparenPos, Expr inner, int rparenPos) implements Expr {
  @Override
  public int start() {
    return lparenPos;
  }

  @Override
  public int end() {
    return rparenPos + 1;
  }
}
