package dev.jalloy.syntax.go;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Go's {@code time.ParseDuration} and {@code time.Duration.String()}.
 *
 * <p>Every Alloy {@code duration} attribute goes through {@link #parse}, so the accepted grammar
 * ({@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+}, units {@code ns us µs μs ms s m h}, a bare {@code 0},
 * no {@code d}) and the error texts are Go's. Durations are limited to Go's int64 nanoseconds.
 */
public final class GoDuration {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long MAX_ABS = Long.MIN_VALUE; // 1<<63 as an unsigned value

  private GoDuration() {}

  /**
   * Parses s like Go's {@code time.ParseDuration}.
   *
   * @throws IllegalArgumentException with Go's message, e.g. {@code time: invalid duration "x"}
   */
  public static Duration parse(String s) {
    return Duration.ofNanos(parseNanos(s));
  }

  /** Like {@link #parse} but returns Go's int64 nanoseconds. */
  public static long parseNanos(String s) {
    String orig = s;
    int i = 0;
    int n = s.length();
    boolean neg = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      i++;
    }
    if (n - i == 1 && s.charAt(i) == '0') {
      return 0;
    }
    if (i == n) {
      throw invalid(orig);
    }
    long total = 0; // unsigned accumulator, at most 1<<63
    while (i < n) {
      char c = s.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        throw invalid(orig);
      }
      // Integer part.
      int start = i;
      long v = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (Long.compareUnsigned(v, Long.divideUnsigned(MAX_ABS, 10)) > 0) {
          throw invalid(orig);
        }
        v = v * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(v, MAX_ABS) > 0) {
          throw invalid(orig);
        }
        i++;
      }
      boolean pre = i != start;
      // Fraction: digits past int64 precision are consumed but ignored, like Go.
      long f = 0;
      double scale = 1;
      boolean post = false;
      if (i < n && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          if (!overflow) {
            if (f > (Long.MAX_VALUE) / 10) {
              overflow = true;
            } else {
              long y = f * 10 + (s.charAt(i) - '0');
              if (y < 0) {
                overflow = true;
              } else {
                f = y;
                scale *= 10;
              }
            }
          }
          i++;
        }
        post = i != fracStart;
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int unitStart = i;
      while (i < n) {
        char u = s.charAt(i);
        if (u == '.' || (u >= '0' && u <= '9')) {
          break;
        }
        i++;
      }
      if (unitStart == i) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
      }
      String unitText = s.substring(unitStart, i);
      long unit = unitNanos(unitText);
      if (unit == 0) {
        throw new IllegalArgumentException(
            "time: unknown unit " + quote(unitText) + " in duration " + quote(orig));
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(MAX_ABS, unit)) > 0) {
        throw invalid(orig);
      }
      v *= unit;
      if (f > 0) {
        // Go computes the fraction in float64, exact to the nanosecond even for hours.
        v += (long) (f * ((double) unit / scale));
        if (Long.compareUnsigned(v, MAX_ABS) > 0) {
          throw invalid(orig);
        }
      }
      total += v;
      if (Long.compareUnsigned(total, MAX_ABS) > 0) {
        throw invalid(orig);
      }
    }
    if (neg) {
      return -total;
    }
    if (total < 0) { // exactly 1<<63: only representable as a negative duration
      throw invalid(orig);
    }
    return total;
  }

  private static long unitNanos(String u) {
    return switch (u) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> NANOS_PER_SECOND;
      case "m" -> 60 * NANOS_PER_SECOND;
      case "h" -> 3600 * NANOS_PER_SECOND;
      default -> 0L;
    };
  }

  private static IllegalArgumentException invalid(String orig) {
    return new IllegalArgumentException("time: invalid duration " + quote(orig));
  }

  /**
   * The time package's own quoting (not strconv.Quote): printable ASCII is kept, {@code "} and
   * {@code \} are escaped, and every byte of other runes is written as {@code \xNN}.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp >= 0x80 || cp < ' ') {
        byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
          sb.append("\\x")
              .append(Character.forDigit((b >> 4) & 0xF, 16))
              .append(Character.forDigit(b & 0xF, 16));
        }
      } else {
        if (cp == '"' || cp == '\\') {
          sb.append('\\');
        }
        sb.append((char) cp);
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Formats d like Go's {@code Duration.String()}: {@code 1h30m0s}, {@code 1.5s}, {@code 250ms},
   * {@code 1.5µs}, {@code 0s}.
   *
   * @throws ArithmeticException if d does not fit Go's int64 nanoseconds
   */
  public static String format(Duration d) {
    return formatNanos(d.toNanos());
  }

  /** Formats Go int64 nanoseconds like {@code Duration.String()}. */
  public static String formatNanos(long nanos) {
    char[] buf = new char[32];
    int w = buf.length;
    long u = nanos;
    boolean neg = nanos < 0;
    if (neg) {
      u = -u; // Long.MIN_VALUE stays itself and is handled as unsigned below
    }
    if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
      int prec;
      buf[--w] = 's';
      w--;
      if (u == 0) {
        buf[w] = '0';
        return new String(buf, w, buf.length - w);
      } else if (u < 1_000L) {
        prec = 0;
        buf[w] = 'n';
      } else if (u < 1_000_000L) {
        prec = 3;
        buf[w] = '\u00b5';
      } else {
        prec = 6;
        buf[w] = 'm';
      }
      long[] state = {u};
      w = fmtFrac(buf, w, state, prec);
      w = fmtInt(buf, w, state[0]);
    } else {
      buf[--w] = 's';
      long[] state = {u};
      w = fmtFrac(buf, w, state, 9);
      u = state[0];
      w = fmtInt(buf, w, Long.remainderUnsigned(u, 60));
      u = Long.divideUnsigned(u, 60);
      if (u > 0) {
        buf[--w] = 'm';
        w = fmtInt(buf, w, u % 60);
        u /= 60;
        // Go stops at hours: days have different lengths.
        if (u > 0) {
          buf[--w] = 'h';
          w = fmtInt(buf, w, u);
        }
      }
    }
    if (neg) {
      buf[--w] = '-';
    }
    return new String(buf, w, buf.length - w);
  }

  /** Writes the fraction of v/10^prec before w, dropping trailing zeros; v becomes the quotient. */
  private static int fmtFrac(char[] buf, int w, long[] v, int prec) {
    long u = v[0];
    boolean print = false;
    for (int i = 0; i < prec; i++) {
      int digit = (int) Long.remainderUnsigned(u, 10);
      print = print || digit != 0;
      if (print) {
        buf[--w] = (char) ('0' + digit);
      }
      u = Long.divideUnsigned(u, 10);
    }
    if (print) {
      buf[--w] = '.';
    }
    v[0] = u;
    return w;
  }

  private static int fmtInt(char[] buf, int w, long v) {
    if (v == 0) {
      buf[--w] = '0';
      return w;
    }
    while (v != 0) {
      buf[--w] = (char) ('0' + Long.remainderUnsigned(v, 10));
      v = Long.divideUnsigned(v, 10);
    }
    return w;
  }
}
