package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.Token;

/** {@code left op right}. */
public record BinaryExpr(Expr left, Token kind, int kindPos, Expr right) implements Expr {
  // Long operator chains make deep spines (left for `a + b + c`, right for `a ^ b ^ c`): follow
  // them with a loop rather than recursion so positions of any chain are cheap and stack-safe.

  @Override
  public int start() {
    Expr e = left;
    while (e instanceof BinaryExpr b) {
      e = b.left;
    }
    return e.start();
  }

  @Override
  public int end() {
    Expr e = right;
    while (e instanceof BinaryExpr b) {
      e = b.right;
    }
    return e.end();
  }
}
