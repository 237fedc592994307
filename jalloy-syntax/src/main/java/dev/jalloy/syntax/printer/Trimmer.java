package dev.jalloy.syntax.printer;

/**
 * The last stage of the formatter, following Alloy's {@code syntax/printer/trimmer.go}: drops
 * spaces and tabs at the end of every line, turns form feeds into newlines, strips the tabwriter's
 * escape bytes and passes the text between them through untouched.
 *
 * <p>Trailing whitespace is held back until something other than whitespace arrives, so padding the
 * tabwriter adds after the last cell of a line (and any whitespace at the very end of the output)
 * never reaches the result.
 */
final class Trimmer {
  private static final int IN_SPACE = 0;
  private static final int IN_ESCAPE = 1;
  private static final int IN_TEXT = 2;

  private final ByteBuf out;
  private final ByteBuf space = new ByteBuf(64);
  private int state = IN_SPACE;

  Trimmer(ByteBuf out) {
    this.out = out;
  }

  void write(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = data[i];
      switch (state) {
        case IN_SPACE -> {
          switch (b) {
            case ' ', '\t' -> space.add(b);
            case TabWriter.VTAB -> space.add((byte) '\t');
            case '\n', '\f' -> {
              space.clear();
              out.add((byte) '\n');
            }
            case TabWriter.ESCAPE -> {
              flushSpace();
              state = IN_ESCAPE;
            }
            default -> {
              flushSpace();
              out.add(b);
              state = IN_TEXT;
            }
          }
        }
        case IN_TEXT -> {
          switch (b) {
            case ' ', '\t', TabWriter.VTAB -> {
              space.add(b == ' ' ? b : (byte) '\t');
              state = IN_SPACE;
            }
            case '\n', '\f' -> {
              out.add((byte) '\n');
              state = IN_SPACE;
            }
            case TabWriter.ESCAPE -> state = IN_ESCAPE;
            default -> out.add(b);
          }
        }
        default -> {
          // Escaped text (comments) is copied verbatim, trailing blanks and all.
          if (b == TabWriter.ESCAPE) {
            state = IN_SPACE;
          } else {
            out.add(b);
          }
        }
      }
    }
  }

  private void flushSpace() {
    if (space.length() > 0) {
      out.add(space.array(), 0, space.length());
      space.clear();
    }
  }
}
