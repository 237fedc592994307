package dev.jalloy.syntax.token;

/**
 * UTF-8 byte lengths. Positions in jalloy count bytes, as Alloy's do, so any span computed from a
 * Java string (an identifier, a label, a literal) needs the string's UTF-8 length, not its char
 * count.
 */
public final class Utf8 {
  private Utf8() {}

  /** The number of bytes {@code s} takes in UTF-8. */
  public static int length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
