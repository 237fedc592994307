package dev.jalloy.syntax.go;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The Go string functions behind Alloy's {@code string.*}, {@code encoding.*} and {@code file.*}
 * standard library: {@code strings.Split}, {@code Trim}, {@code TrimSpace}, {@code ReplaceAll},
 * {@code ToLower}/{@code ToUpper}, {@code url.QueryEscape}/{@code QueryUnescape}, {@code
 * filepath.Join}/{@code Clean}, strict base64 decoding, and Go's byte-wise string order.
 *
 * <p>Go strings are UTF-8 byte strings and Java's are UTF-16; every function here works on code
 * points so that the results match what Go produces for valid UTF-8.
 */
public final class GoStrings {
  private GoStrings() {}

  /**
   * Compares like Go's {@code <} on strings, which is UTF-8 byte order, i.e. code point order.
   * Plain {@link String#compareTo} differs for supplementary characters against U+E000..U+FFFF.
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return fixup(x) - fixup(y);
      }
    }
    return a.length() - b.length();
  }

  /** Shifts surrogates above U+E000..U+FFFF so that UTF-16 units sort in code point order. */
  private static int fixup(char c) {
    if (c >= 0xD800) {
      return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
    return c;
  }

  /**
   * {@code strings.Split(s, sep)}: an empty separator splits after each UTF-8 sequence (code
   * point), an empty s gives {@code [""]} for a non-empty separator.
   */
  public static List<String> split(String s, String sep) {
    List<String> out = new ArrayList<>();
    if (sep.isEmpty()) {
      for (int i = 0; i < s.length(); ) {
        int next = i + Character.charCount(s.codePointAt(i));
        out.add(s.substring(i, next));
        i = next;
      }
      return out;
    }
    int start = 0;
    int idx;
    while ((idx = s.indexOf(sep, start)) >= 0) {
      out.add(s.substring(start, idx));
      start = idx + sep.length();
    }
    out.add(s.substring(start));
    return out;
  }

  /**
   * {@code strings.ReplaceAll}; an empty old inserts new before every code point and at the end.
   */
  public static String replaceAll(String s, String old, String replacement) {
    if (!old.isEmpty()) {
      return s.replace(old, replacement);
    }
    StringBuilder sb = new StringBuilder(s.length() + (s.length() + 1) * replacement.length());
    sb.append(replacement);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      sb.appendCodePoint(cp).append(replacement);
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  /** {@code strings.Trim(s, cutset)}: drops leading and trailing code points found in cutset. */
  public static String trim(String s, String cutset) {
    if (s.isEmpty() || cutset.isEmpty()) {
      return s;
    }
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (cutset.indexOf(cp) < 0) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (cutset.indexOf(cp) < 0) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  /** {@code strings.TrimSpace}: drops leading and trailing {@link #isSpace} code points. */
  public static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (!isSpace(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  /**
   * Go's {@code unicode.IsSpace}: ASCII {@code \t \n \v \f \r} and space, U+0085, U+00A0 and the
   * Unicode space separators (Java's {@link Character#isWhitespace} misses U+00A0 and U+0085).
   */
  public static boolean isSpace(int cp) {
    if (cp < 0x80) {
      return cp == ' ' || (cp >= '\t' && cp <= '\r');
    }
    if (cp == 0x85 || cp == 0xA0) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.SPACE_SEPARATOR
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * {@code strings.ToLower}: Go maps each rune on its own (simple case mapping), unlike {@link
   * String#toLowerCase} which applies context-sensitive and multi-character mappings.
   */
  public static String toLower(String s) {
    return mapRunes(s, 'A', 'Z', Character::toLowerCase);
  }

  /** {@code strings.ToUpper}, rune by rune ({@code ß} stays {@code ß}, unlike Java's "SS"). */
  public static String toUpper(String s) {
    return mapRunes(s, 'a', 'z', Character::toUpperCase);
  }

  /**
   * Applies {@code map} to every code point. The ASCII prefix that has nothing in {@code [first,
   * last]} is copied as is, and a string that is all such ASCII is returned unchanged.
   */
  private static String mapRunes(String s, char first, char last, IntUnaryOperator map) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= first && c <= last)) {
        break;
      }
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length()).append(s, 0, i);
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      sb.appendCodePoint(map.applyAsInt(cp));
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  /**
   * {@code url.QueryEscape}: every UTF-8 byte except {@code A-Z a-z 0-9 - _ . ~} is percent encoded
   * with upper-case hex, and a space becomes {@code +}.
   */
  public static String queryEscape(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  /**
   * {@code url.QueryUnescape}: {@code +} becomes a space and {@code %XX} a byte.
   *
   * @throws IllegalArgumentException {@code invalid URL escape "%zz"} like Go
   */
  public static String queryUnescape(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    // Validate first, like Go, so the error names the first bad escape.
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%') {
        if (i + 2 >= in.length || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) {
          int end = Math.min(in.length, i + 3);
          String bad = new String(in, i, end - i, StandardCharsets.UTF_8);
          throw new IllegalArgumentException("invalid URL escape " + GoQuote.quote(bad));
        }
        i += 2;
      }
    }
    byte[] out = new byte[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%') {
        out[n++] = (byte) ((hex(in[i + 1]) << 4) | hex(in[i + 2]));
        i += 2;
      } else if (b == '+') {
        out[n++] = ' ';
      } else {
        out[n++] = b;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /**
   * {@code filepath.Join} on a Unix host: the non-empty elements joined with {@code /} and {@link
   * #cleanPath cleaned}; no non-empty element gives {@code ""}.
   */
  public static String pathJoin(List<String> elems) {
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (String e : elems) {
      if (e.isEmpty() && !any) {
        continue;
      }
      if (any) {
        sb.append('/');
      }
      sb.append(e);
      any = true;
    }
    return any ? cleanPath(sb.toString()) : "";
  }

  /**
   * {@code path.Clean}: the shortest equivalent path, processing {@code .}, {@code ..} and repeated
   * slashes lexically; {@code ""} becomes {@code .}.
   */
  public static String cleanPath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    int n = path.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    int dotdot = 0;
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      char c = path.charAt(r);
      if (c == '/') {
        r++;
      } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
        r++;
      } else if (c == '.'
          && path.charAt(r + 1) == '.'
          && (r + 2 == n || path.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          int w = out.length() - 1;
          while (w > dotdot && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        } else if (!rooted) {
          if (!out.isEmpty()) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if ((rooted && out.length() != 1) || (!rooted && !out.isEmpty())) {
          out.append('/');
        }
        while (r < n && path.charAt(r) != '/') {
          out.append(path.charAt(r++));
        }
      }
    }
    return out.isEmpty() ? "." : out.toString();
  }

  /**
   * Decodes padded base64 like Go's {@code base64.StdEncoding.DecodeString} (or {@code URLEncoding}
   * when {@code url}): padding is required, {@code \r} and {@code \n} are skipped.
   *
   * @throws IllegalArgumentException {@code illegal base64 data at input byte N} like Go
   */
  public static byte[] base64Decode(String s, boolean url) {
    byte[] src = s.getBytes(StandardCharsets.UTF_8);
    byte[] dst = new byte[src.length / 4 * 3 + 3];
    int n = 0;
    int si = 0;
    int[] q = new int[4];
    while (true) {
      int dlen = 4;
      int j = 0;
      boolean end = false;
      for (; j < 4; j++) {
        if (si == src.length) {
          if (j == 0) {
            return Arrays.copyOf(dst, n);
          }
          throw corrupt(si - j);
        }
        int in = src[si] & 0xFF;
        si++;
        int v = base64Value(in, url);
        if (v >= 0) {
          q[j] = v;
          continue;
        }
        if (in == '\n' || in == '\r') {
          j--;
          continue;
        }
        if (in != '=') {
          throw corrupt(si - 1);
        }
        // Padding: only valid after two or three symbols of a quantum.
        switch (j) {
          case 0, 1 -> throw corrupt(si - 1);
          case 2 -> {
            while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
              si++;
            }
            if (si == src.length) {
              throw corrupt(src.length);
            }
            if (src[si] != '=') {
              throw corrupt(si - 1);
            }
            si++;
          }
          default -> {}
        }
        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
          si++;
        }
        if (si < src.length) {
          throw corrupt(si);
        }
        dlen = j;
        end = true;
        break;
      }
      int val = (q[0] << 18) | (q[1] << 12) | (dlen > 2 ? q[2] << 6 : 0) | (dlen > 3 ? q[3] : 0);
      dst[n++] = (byte) (val >> 16);
      if (dlen > 2) {
        dst[n++] = (byte) (val >> 8);
      }
      if (dlen > 3) {
        dst[n++] = (byte) val;
      }
      if (end) {
        return Arrays.copyOf(dst, n);
      }
    }
  }

  private static int base64Value(int c, boolean url) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == (url ? '-' : '+')) {
      return 62;
    }
    if (c == (url ? '_' : '/')) {
      return 63;
    }
    return -1;
  }

  private static IllegalArgumentException corrupt(int offset) {
    return new IllegalArgumentException("illegal base64 data at input byte " + offset);
  }
}
