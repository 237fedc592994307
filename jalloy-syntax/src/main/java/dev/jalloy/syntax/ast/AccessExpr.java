package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.Utf8;

/** {@code value.name}. */
public record AccessExpr(Expr value, Ident name) implements Expr {
  @Override
  public int start() {
    return value.start();
  }

  @Override
  public int end() {
    return name.start() + Utf8.length(name.name());
  }
}
