package dev.jalloy.syntax.ast;

/** {@code value[index]}. */
public record IndexExpr(Expr value, int lbrackPos, Expr index, int rbrackPos) implements Expr {
  @Override
  public int start() {
    return value.start();
  }

  @Override
  public int end() {
    return rbrackPos + 1;
  }
}
