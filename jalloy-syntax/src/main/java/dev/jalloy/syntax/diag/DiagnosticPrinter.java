package dev.jalloy.syntax.diag;

import dev.jalloy.syntax.token.SourceFile;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints diagnostics the way Alloy does: a header {@code Error: file:line:col: message}, then the
 * source lines around the span with line numbers and the span underlined with {@code ^}. Tabs
 * become four spaces so the carets stay under the right characters.
 *
 * <p>Very long lines (a minified config, a 10 MB line) are cut to a window around the span so a
 * diagnostic never floods the terminal.
 */
public final class DiagnosticPrinter {
  private static final int TAB_WIDTH = 4;
  private static final int MAX_SHOWN_LINE = 512;

  private final Function<String, SourceFile> files;
  private final int contextBefore;
  private final int contextAfter;

  /**
   * @param files looks up a file by the name diagnostics carry; returns null when its source is not
   *     available, in which case only the header is printed
   */
  public DiagnosticPrinter(Function<String, SourceFile> files) {
    this(files, 1, 1);
  }

  public DiagnosticPrinter(
      Function<String, SourceFile> files, int contextBefore, int contextAfter) {
    this.files = files;
    this.contextBefore = contextBefore;
    this.contextAfter = contextAfter;
  }

  public static DiagnosticPrinter forFiles(Map<String, SourceFile> files) {
    return new DiagnosticPrinter(files::get);
  }

  public static DiagnosticPrinter forFile(SourceFile file) {
    return new DiagnosticPrinter(name -> name.equals(file.name()) ? file : null);
  }

  public String print(Iterable<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Diagnostic d : diagnostics) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      print(out, d);
    }
    return out.toString();
  }

  public String print(Diagnostic diagnostic) {
    StringBuilder out = new StringBuilder();
    print(out, diagnostic);
    return out.toString();
  }

  private void print(StringBuilder out, Diagnostic d) {
    out.append(d.severity().label()).append(": ").append(d.start()).append(": ");
    out.append(d.message()).append('\n');
    SourceFile file = files.apply(d.start().file());
    if (file == null || !d.start().file().equals(d.end().file())) {
      return;
    }
    printRange(out, file, d);
  }

  private void printRange(StringBuilder out, SourceFile file, Diagnostic d) {
    int startLine = d.start().line();
    int endLine = d.end().line();
    int firstShown = Math.max(startLine - contextBefore, 1);
    int lastShown = Math.min(endLine + contextAfter, file.lineCount());
    boolean multiline = endLine > startLine;
    int width = Integer.toString(lastShown).length();
    out.append('\n');
    for (int lineNum = firstShown; lineNum <= lastShown; lineNum++) {
      String line = file.line(lineNum);
      int[] window = window(line, lineNum, d);
      pad(out, width, lineNum);
      out.append(" | ");
      if (multiline) {
        out.append(lineNum > startLine && lineNum <= endLine ? "| " : "  ");
      }
      appendLine(out, line, window);
      out.append('\n');
      if (lineNum == startLine || (multiline && lineNum == endLine)) {
        out.repeat(' ', width);
        if (multiline && lineNum == startLine) {
          out.append(" |  _");
        } else if (multiline) {
          out.append(" | |_");
        } else {
          out.append(" | ");
        }
        appendFocus(out, line, lineNum, d, window);
        out.append('\n');
      }
    }
  }

  /** Byte range of the line to show: all of it, or a window around the span for huge lines. */
  private static int[] window(String line, int lineNum, Diagnostic d) {
    if (line.length() <= MAX_SHOWN_LINE) {
      return new int[] {0, line.length()};
    }
    int column = lineNum == d.start().line() ? d.start().column() - 1 : 0;
    int from = Math.max(0, Math.min(column - MAX_SHOWN_LINE / 4, line.length() - MAX_SHOWN_LINE));
    return new int[] {from, Math.min(line.length(), from + MAX_SHOWN_LINE)};
  }

  private static void appendLine(StringBuilder out, String line, int[] window) {
    for (int i = window[0]; i < window[1]; i++) {
      char ch = line.charAt(i);
      if (ch == '\r') {
        continue;
      }
      if (ch == '\t' || ch == '\u000b') {
        out.repeat(' ', TAB_WIDTH);
      } else {
        out.append(ch);
      }
    }
  }

  private static void appendFocus(
      StringBuilder out, String line, int lineNum, Diagnostic d, int[] window) {
    char blank = d.end().line() > d.start().line() ? '_' : ' ';
    // Columns count bytes, as Alloy's do; walk the line's UTF-8 byte offsets.
    int column = 1;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      int byteLength = utf8Length(line, i);
      if (Character.isHighSurrogate(ch)) {
        i++;
      }
      if (lineNum == d.end().line() && column > d.end().column()) {
        break;
      }
      boolean shown = i >= window[0] && i < window[1];
      if (shown) {
        if (ch == '\t' || ch == '\u000b') {
          out.repeat(blank, TAB_WIDTH);
        } else if (inRange(lineNum, column, d)) {
          out.append('^');
        } else {
          out.append(blank);
        }
      }
      column += byteLength;
    }
  }

  private static int utf8Length(String s, int i) {
    char ch = s.charAt(i);
    if (ch < 0x80) {
      return 1;
    } else if (ch < 0x800) {
      return 2;
    } else if (Character.isHighSurrogate(ch) && i + 1 < s.length()) {
      return 4;
    }
    return 3;
  }

  private static boolean inRange(int line, int column, Diagnostic d) {
    if (line < d.start().line() || line > d.end().line()) {
      return false;
    }
    if (line == d.start().line() && column < d.start().column()) {
      return false;
    }
    return line != d.end().line() || column <= d.end().column();
  }

  private static void pad(StringBuilder out, int width, int number) {
    String digits = Integer.toString(number);
    out.repeat(' ', width - digits.length()).append(digits);
  }
}
