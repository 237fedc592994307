package dev.jalloy.syntax.ast;

import java.util.List;

/** {@code [a, b, c]}. */
public record ArrayExpr(int lbrackPos, List<Expr> elements, int rbrackPos) implements Expr {
  public ArrayExpr {
    elements = List.copyOf(elements);
  }

  @Override
  public int start() {
    return lbrackPos;
  }

  @Override
  public int end() {
    return rbrackPos + 1;
  }
}
