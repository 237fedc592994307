package dev.jalloy.syntax.printer;

import java.util.Arrays;

/**
 * Elastic tabstops as Go's {@code text/tabwriter} computes them, in the one configuration Alloy's
 * printer uses: minimum cell width 0, tab width 8, padding 1, pad character space, and the flags
 * {@code DiscardEmptyColumns | TabIndent}. Byte-exact output depends on its details, so they are
 * kept:
 *
 * <ul>
 *   <li>A cell is the text before a {@code '\t'} or {@code '\v'}; the text after the last one on a
 *       line is not part of any column. Only {@code '\t'} marks a cell as "hard" (never discarded).
 *   <li>A column is a run of consecutive lines that all have a cell at that index; its width is the
 *       widest cell (counted in runes) plus the padding.
 *   <li>Leading empty cells (indentation) are padded with tabs, everything else with spaces.
 *   <li>A {@code '\f'} ends a line and flushes, so no column continues across it; a line with a
 *       single cell flushes too.
 *   <li>Text between two {@link #ESCAPE} bytes is one unit: tabs and newlines in it are text, and
 *       its width excludes the escape bytes, which are passed on for the {@link Trimmer} to strip.
 * </ul>
 */
final class TabWriter {
  /** Brackets text the tabwriter must not interpret; never valid in UTF-8. */
  static final byte ESCAPE = (byte) 0xff;

  /** The vertical tab: ends a cell like a tab, but a column of them may be discarded. */
  static final byte VTAB = 0x0b;

  private static final int TAB_WIDTH = 8;
  private static final int PADDING = 1;

  private final Trimmer out;

  // Text of all cells since the last flush, without the tabs and line breaks that ended them.
  private final ByteBuf buf = new ByteBuf(1024);
  // Offset in buf up to which the current cell's width has been counted.
  private int pos;
  private int cellSize;
  private int cellWidth;
  private boolean inEscape;

  // Terminated cells of the buffered lines, flat; line i owns cells [lineStart[i], lineStart[i+1]).
  private int cellCount;
  private int[] cellSizes = new int[64];
  private int[] cellWidths = new int[64];
  private boolean[] cellHtabs = new boolean[64];
  private int lineCount;
  private int[] lineStarts = new int[16];

  // Widths of the columns to the left of the one being formatted (a stack).
  private int[] widths = new int[16];
  private int widthCount;

  private final ByteBuf spaces = new ByteBuf(16);

  TabWriter(Trimmer out) {
    this.out = out;
    reset();
  }

  void write(byte[] data, int from, int to) {
    int n = from;
    for (int i = from; i < to; i++) {
      byte ch = data[i];
      if (!inEscape) {
        switch (ch) {
          case '\t', TabWriter.VTAB, '\n', '\f' -> {
            append(data, n, i);
            updateWidth();
            n = i + 1;
            int cells = terminateCell(ch == '\t');
            if (ch == '\n' || ch == '\f') {
              addLine();
              // A form feed always ends the alignment section. A line with one cell cannot take
              // part in any column (the last cell of a line never does), so it ends one as well.
              if (ch == '\f' || cells == 1) {
                flush();
              }
            }
          }
          case ESCAPE -> {
            append(data, n, i);
            updateWidth();
            n = i; // the escape byte stays in the text
            inEscape = true;
          }
          default -> {}
        }
      } else if (ch == ESCAPE) {
        append(data, n, i + 1);
        n = i + 1;
        endEscape();
      }
    }
    append(data, n, to);
  }

  /** Formats and writes everything buffered. */
  void flush() {
    if (cellSize > 0) {
      if (inEscape) {
        endEscape();
      }
      terminateCell(false);
    }
    format(0, 0, lineCount);
    reset();
  }

  private void reset() {
    buf.clear();
    pos = 0;
    cellSize = 0;
    cellWidth = 0;
    inEscape = false;
    cellCount = 0;
    lineCount = 0;
    widthCount = 0;
    addLine();
  }

  private void append(byte[] data, int from, int to) {
    if (to > from) {
      buf.add(data, from, to);
      cellSize += to - from;
    }
  }

  private void updateWidth() {
    cellWidth += runeCount(buf.array(), pos, buf.length());
    pos = buf.length();
  }

  private void endEscape() {
    updateWidth();
    cellWidth -= 2; // the escape bytes take no room
    inEscape = false;
  }

  private int terminateCell(boolean htab) {
    if (cellCount == cellSizes.length) {
      int capacity = cellCount * 2;
      cellSizes = Arrays.copyOf(cellSizes, capacity);
      cellWidths = Arrays.copyOf(cellWidths, capacity);
      cellHtabs = Arrays.copyOf(cellHtabs, capacity);
    }
    cellSizes[cellCount] = cellSize;
    cellWidths[cellCount] = cellWidth;
    cellHtabs[cellCount] = htab;
    cellCount++;
    cellSize = 0;
    cellWidth = 0;
    return cellCount - lineStarts[lineCount - 1];
  }

  private void addLine() {
    if (lineCount + 1 >= lineStarts.length) {
      lineStarts = Arrays.copyOf(lineStarts, lineStarts.length * 2);
    }
    lineStarts[lineCount++] = cellCount;
  }

  private int cellsIn(int line) {
    int end = line + 1 < lineCount ? lineStarts[line + 1] : cellCount;
    return end - lineStarts[line];
  }

  /**
   * Writes lines [line0, line1) whose columns left of {@code widthCount} are sized; finds the
   * blocks of lines sharing the next column, sizes it, and recurses for the columns further right.
   * The recursion depth is the number of columns, i.e. the deepest indentation plus two.
   */
  private int format(int pos0, int line0, int line1) {
    int textPos = pos0;
    int column = widthCount;
    for (int line = line0; line < line1; line++) {
      if (column >= cellsIn(line) - 1) {
        continue;
      }
      // This line has a cell in this column; print the lines above it, which have none.
      textPos = writeLines(textPos, line0, line);
      line0 = line;

      int width = 0;
      boolean discardable = true;
      for (; line < line1; line++) {
        if (column >= cellsIn(line) - 1) {
          break;
        }
        int cell = lineStarts[line] + column;
        width = Math.max(width, cellWidths[cell] + PADDING);
        if (cellWidths[cell] > 0 || cellHtabs[cell]) {
          discardable = false;
        }
      }
      if (discardable) {
        width = 0;
      }

      pushWidth(width);
      textPos = format(textPos, line0, line);
      widthCount--;
      line0 = line;
    }
    return writeLines(textPos, line0, line1);
  }

  private void pushWidth(int width) {
    if (widthCount == widths.length) {
      widths = Arrays.copyOf(widths, widthCount * 2);
    }
    widths[widthCount++] = width;
  }

  private int writeLines(int pos0, int line0, int line1) {
    int textPos = pos0;
    byte[] text = buf.array();
    for (int line = line0; line < line1; line++) {
      boolean useTabs = true; // TabIndent: leading empty cells are indentation
      int first = lineStarts[line];
      int count = cellsIn(line);
      for (int j = 0; j < count; j++) {
        int size = cellSizes[first + j];
        int width = cellWidths[first + j];
        if (size == 0) {
          if (j < widthCount) {
            writePadding(width, widths[j], useTabs);
          }
        } else {
          useTabs = false;
          out.write(text, textPos, textPos + size);
          textPos += size;
          if (j < widthCount) {
            writePadding(width, widths[j], false);
          }
        }
      }
      if (line + 1 == lineCount) {
        // The last buffered line has no line break yet: write the incomplete cell as it is.
        out.write(text, textPos, textPos + cellSize);
        textPos += cellSize;
      } else {
        out.write(NEWLINE, 0, 1);
      }
    }
    return textPos;
  }

  private static final byte[] NEWLINE = {'\n'};

  private void writePadding(int textWidth, int cellWidth, boolean useTabs) {
    spaces.clear();
    if (useTabs) {
      int rounded = (cellWidth + TAB_WIDTH - 1) / TAB_WIDTH * TAB_WIDTH;
      int n = rounded - textWidth;
      spaces.add((byte) '\t', (n + TAB_WIDTH - 1) / TAB_WIDTH);
    } else if (cellWidth > textWidth) {
      spaces.add((byte) ' ', cellWidth - textWidth);
    }
    out.write(spaces.array(), 0, spaces.length());
  }

  /** Runes in UTF-8 text, counting each byte that does not continue a sequence (as Go does). */
  private static int runeCount(byte[] bytes, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }
}
