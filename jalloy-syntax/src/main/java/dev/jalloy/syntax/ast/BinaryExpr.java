package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.Token;

/** {@code left op right}. */
public record BinaryExpr(Expr left, Token kind, int kindPos, Expr right) implements Expr {
  @Override
  public int start() {
    return left.start();
  }

  @Override
  public int end() {
    return right.end();
  }
}
