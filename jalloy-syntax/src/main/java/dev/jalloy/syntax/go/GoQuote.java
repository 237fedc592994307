package dev.jalloy.syntax.go;

/**
 * Go's {@code strconv.Quote}, {@code QuoteToASCII}, {@code QuoteRune} and {@code CanBackquote}.
 *
 * <p>The formatter re-quotes block labels and {@code string.format}'s {@code %q} prints with these,
 * so the escapes must match Go byte for byte: the short escapes {@code \a \b \f \n \r \t \v},
 * {@code \xNN} for other control bytes, {@code \\uNNNN} / {@code \\UNNNNNNNN} for non-printable
 * runes.
 */
public final class GoQuote {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoQuote() {}

  /** {@code strconv.Quote(s)}: a double-quoted Go string literal, printable runes kept as is. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendQuoted(sb, s, '"', false);
    return sb.toString();
  }

  /** {@code strconv.QuoteToASCII(s)}: like {@link #quote} but every non-ASCII rune is escaped. */
  public static String quoteToAscii(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendQuoted(sb, s, '"', true);
    return sb.toString();
  }

  /** {@code strconv.QuoteRune(r)} (or {@code QuoteRuneToASCII} when {@code ascii}). */
  public static String quoteRune(int rune, boolean ascii) {
    if (!Character.isValidCodePoint(rune) || isSurrogate(rune)) {
      rune = 0xFFFD;
    }
    StringBuilder sb = new StringBuilder(8);
    sb.append('\'');
    appendRune(sb, rune, '\'', ascii);
    sb.append('\'');
    return sb.toString();
  }

  /**
   * {@code strconv.CanBackquote(s)}: whether s can be written as a raw string literal (no
   * backquote, no control characters other than tab, no byte-order mark).
   */
  public static boolean canBackquote(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if ((cp < ' ' && cp != '\t') || cp == '`' || cp == 0x7F || cp == 0xFEFF || isSurrogate(cp)) {
        return false;
      }
    }
    return true;
  }

  /** Appends s quoted with {@code quote} as delimiter. */
  static void appendQuoted(StringBuilder sb, String s, char quote, boolean ascii) {
    sb.append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isSurrogate(cp)) {
        // A lone surrogate is Java's picture of invalid UTF-8; Go escapes the bad byte, the
        // nearest honest equivalent here is the replacement character.
        cp = 0xFFFD;
      }
      appendRune(sb, cp, quote, ascii);
    }
    sb.append(quote);
  }

  private static void appendRune(StringBuilder sb, int r, char quote, boolean ascii) {
    if (r == quote || r == '\\') {
      sb.append('\\').append((char) r);
      return;
    }
    if (ascii ? (r < 0x80 && isPrint(r)) : isPrint(r)) {
      sb.appendCodePoint(r);
      return;
    }
    switch (r) {
      case 0x07 -> sb.append("\\a");
      case '\b' -> sb.append("\\b");
      case '\f' -> sb.append("\\f");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case 0x0B -> sb.append("\\v");
      default -> {
        if (r < ' ' || r == 0x7F) {
          sb.append("\\x").append(HEX[r >> 4]).append(HEX[r & 0xF]);
        } else if (r < 0x10000) {
          sb.append("\\u");
          appendHex(sb, r, 4);
        } else {
          sb.append("\\U");
          appendHex(sb, r, 8);
        }
      }
    }
  }

  private static void appendHex(StringBuilder sb, int v, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(v >> shift) & 0xF]);
    }
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII
   * space. Every other space, format and control character is escaped.
   */
  public static boolean isPrint(int r) {
    if (r < 0x80) {
      return r >= 0x20 && r < 0x7F;
    }
    return switch (Character.getType(r)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  private static boolean isSurrogate(int c) {
    return c >= 0xD800 && c <= 0xDFFF;
  }
}
