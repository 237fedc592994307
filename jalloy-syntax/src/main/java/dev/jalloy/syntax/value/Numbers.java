package dev.jalloy.syntax.value;

import dev.jalloy.syntax.go.GoFloat;
import dev.jalloy.syntax.go.GoQuote;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Alloy number literals and number/text conversions, with Go's rules.
 *
 * <p>A NUMBER literal is read like Go's {@code strconv.ParseInt(lit, 0, 64)} (so {@code 010} is
 * octal 8), falling back to {@code ParseUint} when it is too large for int64 and to {@code
 * ParseFloat} after that ({@code 09} is not octal and becomes the float 9). Numbers print like Go:
 * integers in base 10 and floats in the shortest {@code 'f'} form, never with an exponent.
 */
public final class Numbers {
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern HEX_FLOAT =
      Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");
  private static final double TWO_63 = 0x1p63;

  private Numbers() {}

  /**
   * The value of a NUMBER ({@code isFloat == false}) or FLOAT token.
   *
   * @throws ValueError for text Go cannot parse, e.g. a float literal out of range ({@code
   *     strconv.ParseFloat: parsing "1e400": value out of range})
   */
  public static Value.Number parseLiteral(String text, boolean isFloat) {
    if (!isFloat) {
      try {
        return Value.number(parseInt(text));
      } catch (NumberFormatException notInt) {
        try {
          return Value.uint(parseUint(text));
        } catch (NumberFormatException notUint) {
          // Fall through to float, as Alloy does: "09" is 9.0 and 2^64 becomes a float.
        }
      }
    }
    return Value.number(parseFloat(text));
  }

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)}: optional sign, base prefix {@code 0x 0o 0b} or a
   * leading {@code 0} for octal, underscores between digits when a prefix is given.
   *
   * @throws NumberFormatException with "invalid syntax" or "value out of range"
   */
  public static long parseInt(String s) {
    boolean neg = false;
    String body = s;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      neg = s.charAt(0) == '-';
      body = s.substring(1);
    }
    long u = parseUint(body);
    if (!neg && u < 0) {
      throw new NumberFormatException("value out of range");
    }
    if (neg && Long.compareUnsigned(u, Long.MIN_VALUE) > 0) {
      throw new NumberFormatException("value out of range");
    }
    return neg ? -u : u;
  }

  /**
   * Go's {@code strconv.ParseUint(s, 0, 64)}; the result's bits are to be read unsigned.
   *
   * @throws NumberFormatException with "invalid syntax" or "value out of range"
   */
  public static long parseUint(String s) {
    if (s.isEmpty()) {
      throw new NumberFormatException("invalid syntax");
    }
    int base = 10;
    int i = 0;
    if (s.charAt(0) == '0') {
      if (s.length() >= 3) {
        char p = Character.toLowerCase(s.charAt(1));
        base =
            switch (p) {
              case 'x' -> 16;
              case 'o' -> 8;
              case 'b' -> 2;
              default -> 8;
            };
        i = (p == 'x' || p == 'o' || p == 'b') ? 2 : 1;
      } else if (s.length() == 2) {
        base = 8;
        i = 1;
      }
    }
    long cutoff = Long.divideUnsigned(-1L, base) + 1; // first value where n*base overflows
    long n = 0;
    boolean underscores = false;
    boolean sawDigit = false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_') {
        // Base 0 accepts Go literal syntax, so 1_000 is fine; underscoreOk checks placement.
        underscores = true;
        continue;
      }
      int d = asciiDigit(c);
      if (d < 0 || d >= base) {
        throw new NumberFormatException("invalid syntax");
      }
      sawDigit = true;
      if (Long.compareUnsigned(n, cutoff) >= 0) {
        throw new NumberFormatException("value out of range");
      }
      n *= base;
      long n1 = n + d;
      if (Long.compareUnsigned(n1, n) < 0) {
        throw new NumberFormatException("value out of range");
      }
      n = n1;
    }
    if (!sawDigit && base != 8) {
      throw new NumberFormatException("invalid syntax");
    }
    if (underscores && !underscoreOk(s)) {
      throw new NumberFormatException("invalid syntax");
    }
    return n;
  }

  private static int asciiDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Go's rule that an underscore must sit between digits (a base prefix counts as a digit). */
  private static boolean underscoreOk(String s) {
    char saw = '^';
    int i = 0;
    if (s.length() >= 2 && s.charAt(0) == '0' && "xXoObB".indexOf(s.charAt(1)) >= 0) {
      i = 2;
      saw = '0';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (asciiDigit(c) >= 0 && asciiDigit(c) < 16) {
        saw = '0';
        continue;
      }
      if (c != '_' || saw != '0') {
        return false;
      }
      saw = '_';
    }
    return saw != '_';
  }

  /**
   * Go's {@code strconv.ParseFloat(s, 64)} for decimal and hexadecimal floats and {@code
   * inf}/{@code infinity}/{@code nan}.
   *
   * @throws ValueError {@code strconv.ParseFloat: parsing "x": invalid syntax} or {@code value out
   *     of range}
   */
  public static double parseFloat(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    if (!DECIMAL_FLOAT.matcher(s).matches() && !HEX_FLOAT.matcher(s).matches()) {
      throw ValueError.of(
          Value.string(s), "strconv.ParseFloat: parsing " + GoQuote.quote(s) + ": invalid syntax");
    }
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d)) {
      throw ValueError.of(
          Value.string(s),
          "strconv.ParseFloat: parsing " + GoQuote.quote(s) + ": value out of range");
    }
    return d;
  }

  /**
   * Go's {@code strconv.ParseInt(s, 10, 64)}: optional sign and ASCII decimal digits only.
   *
   * @throws NumberFormatException when s is not such a number or out of range
   */
  public static long parseDecimalInt(String s) {
    boolean neg = false;
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    long u = parseDecimalDigits(s, i);
    if (!neg && u < 0) {
      throw new NumberFormatException("value out of range");
    }
    if (neg && Long.compareUnsigned(u, Long.MIN_VALUE) > 0) {
      throw new NumberFormatException("value out of range");
    }
    return neg ? -u : u;
  }

  /**
   * Go's {@code strconv.ParseUint(s, 10, 64)}: ASCII decimal digits only, no sign; the result's
   * bits are to be read unsigned.
   *
   * @throws NumberFormatException when s is not such a number or out of range
   */
  public static long parseDecimalUint(String s) {
    return parseDecimalDigits(s, 0);
  }

  private static long parseDecimalDigits(String s, int from) {
    if (from >= s.length()) {
      throw new NumberFormatException("invalid syntax");
    }
    long n = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException("invalid syntax");
      }
      if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, 10)) > 0) {
        throw new NumberFormatException("value out of range");
      }
      long n1 = n * 10 + (c - '0');
      if (Long.compareUnsigned(n1, n * 10) < 0) {
        throw new NumberFormatException("value out of range");
      }
      n = n1;
    }
    return n;
  }

  /** Formats a number as Alloy's number-to-string conversion does. */
  public static String format(Value.Number n) {
    return switch (n) {
      case Value.Int i -> Long.toString(i.value());
      case Value.Uint u -> Long.toUnsignedString(u.value());
      case Value.Float f -> GoFloat.formatShortest(f.value());
    };
  }

  /** The float64 nearest to the uint64 {@code bits} (correctly rounded, like Go's conversion). */
  public static double unsignedToDouble(long bits) {
    if (bits >= 0) {
      return bits;
    }
    // Halve (keeping the sticky low bit so rounding stays correct), convert, double.
    return ((bits >>> 1) | (bits & 1)) * 2.0;
  }

  /** Go's {@code uint64(f)} on amd64: values from 2^63 up are shifted into the unsigned range. */
  public static long doubleToUnsigned(double f) {
    if (f >= TWO_63) {
      return ((long) (f - TWO_63)) ^ Long.MIN_VALUE;
    }
    return (long) f;
  }
}
