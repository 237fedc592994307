package dev.jalloy.syntax.ast;

/** A bare identifier, looked up in scope. */
public record IdentifierExpr(Ident ident) implements Expr {
  @Override
  public int start() {
    return ident.start();
  }

  @Override
  public int end() {
    return ident.start() + LiteralExpr.utf8Length(ident.name());
  }
}
