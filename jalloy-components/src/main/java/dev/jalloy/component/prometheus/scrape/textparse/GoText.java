package dev.jalloy.component.prometheus.scrape.textparse;

/**
 * The pieces of Go's strconv and fmt that Prometheus' parser errors and number grammar depend on:
 * {@code strconv.ParseFloat} (restricted as textparse restricts it), {@code ParseInt}, {@code %q}
 * and {@code %f}, {@code utf8.Valid}.
 */
final class GoText {
  private GoText() {}

  /** Thrown by the number parsers with Go's error text; the caller adds the line context. */
  static final class NumberException extends Exception {
    private static final long serialVersionUID = 1L;

    NumberException(String message) {
      super(message, null, false, false);
    }
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * Prometheus' parseFloat: Go's ParseFloat without the Go 1.13 additions ({@code p} exponents, hex
   * mantissas need one, and {@code _} separators), so decimal forms, {@code Inf}/{@code Infinity}
   * with an optional sign and {@code NaN}, any case.
   */
  static double parseFloat(byte[] b, int from, int to) throws NumberException {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == 'p' || c == 'P' || c == '_') {
        throw new NumberException("unsupported character in float");
      }
    }
    int i = from;
    boolean neg = false;
    if (i < to && (b[i] == '+' || b[i] == '-')) {
      neg = b[i] == '-';
      i++;
    }
    if (i < to && (b[i] | 0x20) == 'i') {
      if (equalsIgnoreCase(b, i, to, "inf") || equalsIgnoreCase(b, i, to, "infinity")) {
        return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      throw syntax(b, from, to);
    }
    if (i == from && i < to && (b[i] | 0x20) == 'n') {
      if (equalsIgnoreCase(b, i, to, "nan")) {
        return Double.NaN;
      }
      throw syntax(b, from, to);
    }
    // Decimal: digits [. digits] [e [sign] digits], at least one mantissa digit.
    long mantissa = 0;
    int significant = 0;
    int exp10 = 0;
    boolean exact = true;
    int digits = 0;
    for (; i < to && isDigit(b[i]); i++, digits++) {
      if (significant < 18) {
        mantissa = mantissa * 10 + (b[i] - '0');
        if (mantissa != 0) {
          significant++;
        }
      } else {
        exact = false;
      }
    }
    if (i < to && b[i] == '.') {
      i++;
      for (; i < to && isDigit(b[i]); i++, digits++) {
        if (significant < 18) {
          mantissa = mantissa * 10 + (b[i] - '0');
          exp10--;
          if (mantissa != 0) {
            significant++;
          }
        } else {
          exact = false;
        }
      }
    }
    if (digits == 0) {
      throw syntax(b, from, to);
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean eneg = false;
      if (i < to && (b[i] == '+' || b[i] == '-')) {
        eneg = b[i] == '-';
        i++;
      }
      if (i == to) {
        throw syntax(b, from, to);
      }
      int e = 0;
      for (; i < to && isDigit(b[i]); i++) {
        if (e < 100_000) {
          e = e * 10 + (b[i] - '0');
        }
      }
      exp10 += eneg ? -e : e;
    }
    if (i != to) {
      throw syntax(b, from, to);
    }
    // Clinger's fast path: both operands exact doubles, so one IEEE operation rounds correctly.
    if (exact && mantissa < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
      double d = mantissa;
      d = exp10 < 0 ? d / POW10[-exp10] : d * POW10[exp10];
      return neg ? -d : d;
    }
    double d =
        Double.parseDouble(
            new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
    if (Double.isInfinite(d)) {
      throw new NumberException(
          "strconv.ParseFloat: parsing " + quote(b, from, to) + ": value out of range");
    }
    return d;
  }

  /** Go's ParseInt(s, 10, 64) for the unsigned digit runs the lexer lets through. */
  static long parseInt(byte[] b, int from, int to) throws NumberException {
    if (from == to) {
      throw new NumberException("strconv.ParseInt: parsing \"\": invalid syntax");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      if (!isDigit(b[i])) {
        throw new NumberException(
            "strconv.ParseInt: parsing " + quote(b, from, to) + ": invalid syntax");
      }
      int d = b[i] - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw new NumberException(
            "strconv.ParseInt: parsing " + quote(b, from, to) + ": value out of range");
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static NumberException syntax(byte[] b, int from, int to) {
    return new NumberException(
        "strconv.ParseFloat: parsing " + quote(b, from, to) + ": invalid syntax");
  }

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean equalsIgnoreCase(byte[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if ((b[from + i] | 0x20) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code %f} for the infinite and NaN values Prometheus reports. */
  static String formatF(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    return String.format(java.util.Locale.ROOT, "%f", d);
  }

  /** Go's {@code %q} of a byte slice: printable UTF-8 kept, the rest escaped. */
  static String quote(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from + 2).append('"');
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          case '\r' -> sb.append("\\r");
          case 0x07 -> sb.append("\\a");
          case 0x08 -> sb.append("\\b");
          case 0x0c -> sb.append("\\f");
          case 0x0b -> sb.append("\\v");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              sb.append(String.format("\\x%02x", c));
            } else {
              sb.append((char) c);
            }
          }
        }
        i++;
        continue;
      }
      int n = utf8Length(b, i, to);
      if (n < 0) {
        sb.append(String.format("\\x%02x", c));
        i++;
      } else {
        String s = new String(b, i, n, java.nio.charset.StandardCharsets.UTF_8);
        int cp = s.codePointAt(0);
        if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
          sb.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
        } else {
          sb.append(s);
        }
        i += n;
      }
    }
    return sb.append('"').toString();
  }

  /** Go's utf8.Valid over {@code b[from, to)}. */
  static boolean validUtf8(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      if (b[i] >= 0) {
        i++;
        continue;
      }
      int n = utf8Length(b, i, to);
      if (n < 0) {
        return false;
      }
      i += n;
    }
    return true;
  }

  /** The length of the well-formed multi-byte sequence at {@code i}, or -1. */
  private static int utf8Length(byte[] b, int i, int to) {
    int c = b[i] & 0xff;
    int n;
    int lo = 0x80;
    int hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c == 0xe0) {
        lo = 0xa0;
      } else if (c == 0xed) {
        hi = 0x9f; // no surrogates
      }
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c == 0xf0) {
        lo = 0x90;
      } else if (c == 0xf4) {
        hi = 0x8f;
      }
    } else {
      return -1;
    }
    if (i + n > to) {
      return -1;
    }
    int c1 = b[i + 1] & 0xff;
    if (c1 < lo || c1 > hi) {
      return -1;
    }
    for (int k = 2; k < n; k++) {
      int ck = b[i + k] & 0xff;
      if (ck < 0x80 || ck > 0xbf) {
        return -1;
      }
    }
    return n;
  }
}
