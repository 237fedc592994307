package dev.jalloy.syntax.ast;

/** {@code name = value}. */
public record AttributeStmt(Ident name, Expr value) implements Stmt {
  @Override
  public int start() {
    return name.start();
  }

  @Override
  public int end() {
    return value.end();
  }
}
