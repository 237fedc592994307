package dev.jalloy.syntax.ast;

/**
 * One {@code key = value} of an object literal.
 *
 * @param name the key; for a quoted key the text between the quotes, escapes not decoded (as in
 *     Alloy)
 * @param quoted whether the key was written as a string
 */
public record ObjectField(Ident name, boolean quoted, Expr value) implements Node {
  @Override
  public int start() {
    return name.start();
  }

  @Override
  public int end() {
    return value.end();
  }
}
