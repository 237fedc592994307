package dev.jalloy.syntax.printer;

import java.util.Arrays;

/**
 * Byte offset to line lookups for one source file. The formatter asks for a line several times per
 * node, so it keeps its own table of line starts and answers without allocating.
 */
final class LineTable {
  private final int[] lineStarts;

  LineTable(byte[] source) {
    int count = 1;
    for (byte b : source) {
      if (b == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int next = 1;
    for (int i = 0; i < source.length; i++) {
      if (source[i] == '\n') {
        starts[next++] = i + 1;
      }
    }
    this.lineStarts = starts;
  }

  /** The 1-based line of a byte offset. */
  int line(int offset) {
    int index = Arrays.binarySearch(lineStarts, offset);
    return (index >= 0 ? index : -index - 2) + 1;
  }

  /** The 1-based byte column of an offset on the given line. */
  int column(int offset, int line) {
    return offset - lineStarts[line - 1] + 1;
  }
}
