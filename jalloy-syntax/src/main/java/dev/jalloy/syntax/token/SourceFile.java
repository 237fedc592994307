package dev.jalloy.syntax.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one configuration file and its line table. Every position in the AST and in
 * diagnostics is a byte offset into this file; {@link #position(int)} turns an offset into the line
 * and column users see. Columns count bytes, as Alloy's do, so a diagnostic points at the same
 * column in both tools.
 */
public final class SourceFile {
  private final String name;
  private final byte[] bytes;
  private int[] lineStarts; // computed on first use: most files never produce a diagnostic

  public SourceFile(String name, byte[] bytes) {
    this.name = name;
    this.bytes = bytes;
  }

  public static SourceFile of(String name, String text) {
    return new SourceFile(name, text.getBytes(StandardCharsets.UTF_8));
  }

  public String name() {
    return name;
  }

  /** The file's bytes. Not copied: callers must not modify them. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  /** The text between two byte offsets, decoded as UTF-8. */
  public String text(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  /** The line and column (both 1-based) of a byte offset. */
  public Position position(int offset) {
    int[] starts = lineStarts();
    int clamped = Math.max(0, Math.min(offset, bytes.length));
    int index = Arrays.binarySearch(starts, clamped);
    int line = index >= 0 ? index : -index - 2;
    return new Position(name, clamped, line + 1, clamped - starts[line] + 1);
  }

  /** The number of lines in the file. A trailing newline does not start a new line of content. */
  public int lineCount() {
    return lineStarts().length;
  }

  /** The text of a 1-based line, without its line ending. */
  public String line(int line) {
    int[] starts = lineStarts();
    int start = starts[line - 1];
    int end = line < starts.length ? starts[line] - 1 : bytes.length;
    if (end > start && bytes[end - 1] == '\r') {
      end--;
    }
    return text(start, Math.max(start, end));
  }

  private int[] lineStarts() {
    int[] starts = lineStarts;
    if (starts == null) {
      int count = 1;
      for (byte b : bytes) {
        if (b == '\n') {
          count++;
        }
      }
      starts = new int[count];
      int next = 1;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          starts[next++] = i + 1;
        }
      }
      lineStarts = starts;
    }
    return starts;
  }
}
