package dev.jalloy.syntax.scanner;

import java.nio.charset.StandardCharsets;

/**
 * Decodes string literals as written in a file into their values, with Go's {@code strconv.Unquote}
 * rules that Alloy applies: escapes in double-quoted strings, raw back-quoted strings taken
 * verbatim except that carriage returns are dropped.
 *
 * <p>The scanner has already reported malformed escapes, so decoding a literal that scanned cleanly
 * cannot fail; for anything else an {@link IllegalArgumentException} names the problem.
 */
public final class StringLiterals {
  private StringLiterals() {}

  /** The value of a string literal, quotes included in {@code literal}. */
  public static String unquote(String literal) {
    if (literal.length() < 2) {
      throw new IllegalArgumentException("invalid string literal " + literal);
    }
    char quote = literal.charAt(0);
    if (literal.charAt(literal.length() - 1) != quote) {
      throw new IllegalArgumentException("invalid string literal " + literal);
    }
    String body = literal.substring(1, literal.length() - 1);
    if (quote == '`') {
      return body.indexOf('\r') < 0 ? body : body.replace("\r", "");
    }
    if (quote != '"') {
      throw new IllegalArgumentException("invalid string literal " + literal);
    }
    if (body.indexOf('\\') < 0) {
      return body; // the common case: nothing to decode
    }
    return decodeEscapes(body);
  }

  private static String decodeEscapes(String body) {
    // Octal and \x escapes produce raw bytes (possibly partial UTF-8 sequences that together
    // form a character), so decode into bytes first and turn them into text at the end.
    var out = new java.io.ByteArrayOutputStream(body.length());
    byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b != '\\') {
        out.write(b);
        continue;
      }
      if (++i >= utf8.length) {
        throw new IllegalArgumentException("escape sequence not terminated");
      }
      char e = (char) utf8[i];
      switch (e) {
        case 'a' -> out.write(0x07);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(0x0B);
        case '\\' -> out.write('\\');
        case '"' -> out.write('"');
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int value = digits(utf8, i, 3, 8);
          if (value > 255) {
            throw new IllegalArgumentException("escape sequence is invalid Unicode code point");
          }
          out.write(value);
          i += 2;
        }
        case 'x' -> {
          out.write(digits(utf8, i + 1, 2, 16));
          i += 2;
        }
        case 'u', 'U' -> {
          int n = e == 'u' ? 4 : 8;
          int cp = digits(utf8, i + 1, n, 16);
          if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp < 0xE000)) {
            throw new IllegalArgumentException("escape sequence is invalid Unicode code point");
          }
          out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
          i += n;
        }
        default -> throw new IllegalArgumentException("unknown escape sequence");
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int digits(byte[] in, int from, int count, int base) {
    if (from + count > in.length) {
      throw new IllegalArgumentException("escape sequence not terminated");
    }
    int value = 0;
    for (int k = 0; k < count; k++) {
      int d = Character.digit(in[from + k], base);
      if (d < 0) {
        throw new IllegalArgumentException("illegal character in escape sequence");
      }
      value = value * base + d;
    }
    return value;
  }
}
