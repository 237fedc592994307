package dev.jalloy.component.loki.write.wire;

import dev.jalloy.model.Labels;

/**
 * The stream label string of the push API: {@code {a="1", b="2"}}. Rendered as Prometheus' {@code
 * labels.Labels.String()} does (names sorted, {@code ", "} between pairs, values quoted with Go's
 * {@code strconv.Quote}), parsed as Loki's {@code syntax.ParseLabels} accepts it (equality matchers
 * whose values are Go string literals, double-quoted or raw).
 */
public final class LabelSetString {
  private LabelSetString() {}

  /** Renders {@code labels}, which are sorted already. */
  public static String format(Labels labels) {
    StringBuilder sb = new StringBuilder(16 * labels.size() + 2).append('{');
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(labels.name(i)).append('=');
      goQuote(labels.value(i), sb);
    }
    return sb.append('}').toString();
  }

  /** Go's {@code strconv.Quote}: printable runes as they are, the rest escaped. */
  static void goQuote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (isPrintable(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < 0x80) {
            sb.append(String.format("\\x%02x", cp));
          } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
            sb.append("\\ufffd"); // an unpaired surrogate: Go would see invalid UTF-8
          } else if (cp <= 0xffff) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * An approximation of Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation,
   * symbols, ASCII space.
   */
  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UNASSIGNED,
          Character.CONTROL,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  /**
   * Parses {@code {name="value", ...}}.
   *
   * @throws MalformedPushException with Loki-like wording when the string is not a label set
   */
  public static Labels parse(String s) throws MalformedPushException {
    return new Parser(s).labels();
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Labels labels() throws MalformedPushException {
      Labels.Builder b = Labels.builder();
      space();
      expect('{');
      space();
      if (peek() == '}') {
        pos++;
      } else {
        while (true) {
          String name = name();
          space();
          expect('=');
          space();
          String value = string();
          if (!b.get(name).isEmpty()) {
            throw error("duplicate label name " + name);
          }
          b.set(name, value);
          space();
          char c = next();
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw error("expected , or } but found " + describe(c));
          }
          space();
        }
      }
      space();
      if (pos != s.length()) {
        throw error("unexpected text after }");
      }
      return b.build();
    }

    private String name() throws MalformedPushException {
      int start = pos;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        boolean ok =
            c == '_'
                || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (pos > start && c >= '0' && c <= '9');
        if (!ok) {
          break;
        }
        pos++;
      }
      if (pos == start) {
        throw error("expected a label name but found " + describe(peek()));
      }
      return s.substring(start, pos);
    }

    private String string() throws MalformedPushException {
      char q = next();
      if (q == '`') {
        int end = s.indexOf('`', pos);
        if (end < 0) {
          throw error("unterminated raw string");
        }
        String v = s.substring(pos, end);
        pos = end + 1;
        return v;
      }
      if (q != '"') {
        throw error("expected a quoted label value but found " + describe(q));
      }
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\n') {
          throw error("newline in string");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case 'a' -> sb.append((char) 7);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'v' -> sb.append((char) 11);
          case '\\', '"', '\'' -> sb.append(e);
          case 'x' -> sb.append((char) hex(2));
          case 'u' -> sb.appendCodePoint(hex(4));
          case 'U' -> sb.appendCodePoint(hex(8));
          case '0', '1', '2', '3', '4', '5', '6', '7' -> {
            pos--;
            int v = 0;
            for (int i = 0; i < 3; i++) {
              char d = next();
              if (d < '0' || d > '7') {
                throw error("invalid octal escape");
              }
              v = v * 8 + (d - '0');
            }
            if (v > 255) {
              throw error("octal escape value > 255");
            }
            sb.append((char) v);
          }
          default -> throw error("unknown escape sequence \\" + e);
        }
      }
    }

    private int hex(int digits) throws MalformedPushException {
      int v = 0;
      for (int i = 0; i < digits; i++) {
        int d = Character.digit(next(), 16);
        if (d < 0) {
          throw error("invalid hex escape");
        }
        v = v * 16 + d;
      }
      if (!Character.isValidCodePoint(v)) {
        throw error("escape is not a valid Unicode code point");
      }
      return v;
    }

    private void space() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : 0;
    }

    private char next() throws MalformedPushException {
      if (pos >= s.length()) {
        throw error("unexpected end of label set");
      }
      return s.charAt(pos++);
    }

    private void expect(char c) throws MalformedPushException {
      char got = next();
      if (got != c) {
        throw error("expected " + c + " but found " + describe(got));
      }
    }

    private static String describe(char c) {
      return c == 0 ? "end of input" : "'" + c + "'";
    }

    private MalformedPushException error(String what) {
      return new MalformedPushException(
          "error parsing labels " + s + ": at position " + pos + ": " + what);
    }
  }
}
