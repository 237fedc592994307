package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.Utf8;

/**
 * An identifier with its position.
 *
 * @param name the identifier text (for a quoted object key, the text between the quotes)
 * @param start byte offset of its first character (the quote, for a quoted key)
 */
public record Ident(String name, int start) {
  /** Byte offset just past an unquoted identifier. */
  public int end() {
    return start + Utf8.length(name);
  }
}
