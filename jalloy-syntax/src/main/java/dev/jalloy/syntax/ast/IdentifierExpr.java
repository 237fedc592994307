package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.Utf8;

/** A bare identifier, looked up in scope. */
public record IdentifierExpr(Ident ident) implements Expr {
  @Override
  public int start() {
    return ident.start();
  }

  @Override
  public int end() {
    return ident.start() + Utf8.length(ident.name());
  }
}
