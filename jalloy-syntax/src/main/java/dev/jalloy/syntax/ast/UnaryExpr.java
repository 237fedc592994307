package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.Token;

/** {@code !value} or {@code -value}. */
public record UnaryExpr(Token kind, int kindPos, Expr value) implements Expr {
  @Override
  public int start() {
    return kindPos;
  }

  @Override
  public int end() {
    return value.end();
  }
}
