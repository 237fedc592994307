package dev.jalloy.syntax.token;

/**
 * A resolved location in a file: byte offset, 1-based line and 1-based byte column.
 *
 * @param file the file name as given to the parser
 * @param offset byte offset from the start of the file
 * @param line 1-based line
 * @param column 1-based column, counted in bytes
 */
public record Position(String file, int offset, int line, int column) {
  /** {@code file:line:col}, the prefix of every diagnostic. */
  @Override
  public String toString() {
    return (file.isEmpty() ? "" : file + ":") + line + ":" + column;
  }
}
