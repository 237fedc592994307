package dev.jalloy.syntax.ast;

import java.util.List;

/** {@code value(args...)}. */
public record CallExpr(Expr value, int lparenPos, List<Expr> args, int rparenPos) implements Expr {
  public CallExpr {
    args = List.copyOf(args);
  }

  @Override
  public int start() {
    return value.start();
  }

  @Override
  public int end() {
    return rparenPos + 1;
  }
}
