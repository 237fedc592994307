package dev.jalloy.syntax.ast;

/**
 * A node of the syntax tree. Positions are byte offsets into the node's {@link
 * dev.jalloy.syntax.token.SourceFile}: {@link #start()} is the first byte and {@link #end()} the
 * offset just past the last byte.
 */
public sealed interface Node permits Stmt, Expr, ObjectField {
  int start();

  int end();
}
