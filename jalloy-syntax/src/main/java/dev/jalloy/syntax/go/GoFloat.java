package dev.jalloy.syntax.go;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat(f, fmt, prec, 64)} for the formats {@code b e E f g G x X}.
 *
 * <p>Go rounds the exact binary value half-to-even, which {@link BigDecimal} reproduces, and its
 * shortest form ({@code prec = -1}) is the shortest decimal that reads back to the same double,
 * which is what {@link Double#toString(double)} produces since JDK 19. Both feed one decimal digit
 * string that the Go layouts below print.
 */
public final class GoFloat {
  private GoFloat() {}

  /** Formats v like {@code strconv.FormatFloat(v, fmt, prec, 64)}. */
  public static String format(double v, char fmt, int prec) {
    StringBuilder sb = new StringBuilder(24);
    append(sb, v, fmt, prec);
    return sb.toString();
  }

  /**
   * The number-to-string conversion of Alloy: {@code FormatFloat(v, 'f', -1, 64)}, which never uses
   * an exponent ({@code 1e21} prints as {@code 1000000000000000000000}).
   */
  public static String formatShortest(double v) {
    // Fast path for the common case of small integral values: no BigDecimal needed.
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && (v != 0 || 1 / v > 0)) {
      return Long.toString((long) v);
    }
    return format(v, 'f', -1);
  }

  /** Appends v formatted like {@code strconv.AppendFloat(sb, v, fmt, prec, 64)}. */
  public static void append(StringBuilder sb, double v, char fmt, int prec) {
    if (Double.isNaN(v)) {
      sb.append("NaN");
      return;
    }
    if (Double.isInfinite(v)) {
      sb.append(v > 0 ? "+Inf" : "-Inf");
      return;
    }
    long bits = Double.doubleToRawLongBits(v);
    boolean neg = bits < 0;
    if (fmt == 'b' || fmt == 'x' || fmt == 'X') {
      int exp = (int) ((bits >>> 52) & 0x7FF);
      long mant = bits & ((1L << 52) - 1);
      if (exp == 0) {
        exp++;
      } else {
        mant |= 1L << 52;
      }
      exp -= 1023;
      if (fmt == 'b') {
        appendB(sb, neg, mant, exp);
      } else {
        appendX(sb, prec, fmt, neg, mant, exp);
      }
      return;
    }
    double abs = Math.abs(v);
    boolean shortest = prec < 0;
    BigDecimal d;
    if (shortest) {
      d = abs == 0 ? BigDecimal.ZERO : new BigDecimal(Double.toString(abs));
    } else {
      BigDecimal exact = new BigDecimal(abs);
      d =
          switch (fmt) {
            case 'e', 'E' -> exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            case 'g', 'G' ->
                exact.round(new MathContext(prec == 0 ? 1 : prec, RoundingMode.HALF_EVEN));
            default -> exact.setScale(prec, RoundingMode.HALF_EVEN);
          };
    }
    String digits;
    int dp;
    if (d.signum() == 0) {
      digits = "";
      dp = 0;
    } else {
      d = d.stripTrailingZeros();
      digits = d.unscaledValue().toString();
      dp = digits.length() - d.scale();
    }
    int nd = digits.length();
    if (shortest) {
      prec =
          switch (fmt) {
            case 'e', 'E' -> nd - 1;
            case 'g', 'G' -> nd;
            default -> Math.max(nd - dp, 0);
          };
    }
    switch (fmt) {
      case 'e', 'E' -> appendE(sb, neg, digits, dp, prec, fmt);
      case 'g', 'G' -> {
        int eprec = prec;
        if (eprec > nd && nd >= dp) {
          eprec = nd;
        }
        if (shortest) {
          // Go decides between %e and %f with precision 6 for the shortest form.
          eprec = 6;
        }
        int exp = dp - 1;
        if (exp < -4 || exp >= eprec) {
          appendE(sb, neg, digits, dp, Math.min(prec, nd) - 1, fmt == 'g' ? 'e' : 'E');
        } else {
          appendF(sb, neg, digits, dp, Math.max((prec > dp ? nd : prec) - dp, 0));
        }
      }
      default -> appendF(sb, neg, digits, dp, prec);
    }
  }

  private static void appendE(StringBuilder sb, boolean neg, String d, int dp, int prec, char fmt) {
    if (neg) {
      sb.append('-');
    }
    int nd = d.length();
    sb.append(nd == 0 ? '0' : d.charAt(0));
    if (prec > 0) {
      sb.append('.');
      int i = 1;
      int m = Math.min(nd, prec + 1);
      if (i < m) {
        sb.append(d, i, m);
        i = m;
      }
      for (; i <= prec; i++) {
        sb.append('0');
      }
    }
    sb.append(fmt);
    int exp = nd == 0 ? 0 : dp - 1;
    if (exp < 0) {
      sb.append('-');
      exp = -exp;
    } else {
      sb.append('+');
    }
    if (exp < 10) {
      sb.append('0').append(exp);
    } else {
      sb.append(exp);
    }
  }

  private static void appendF(StringBuilder sb, boolean neg, String d, int dp, int prec) {
    if (neg) {
      sb.append('-');
    }
    int nd = d.length();
    if (dp > 0) {
      int m = Math.min(nd, dp);
      sb.append(d, 0, m);
      for (; m < dp; m++) {
        sb.append('0');
      }
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.append('.');
      for (int i = 1; i <= prec; i++) {
        int j = dp + i - 1;
        sb.append(j >= 0 && j < nd ? d.charAt(j) : '0');
      }
    }
  }

  /** %b: decimal mantissa and binary exponent, {@code 4503599627370496p-52}. */
  private static void appendB(StringBuilder sb, boolean neg, long mant, int exp) {
    if (neg) {
      sb.append('-');
    }
    sb.append(mant).append('p');
    exp -= 52;
    if (exp >= 0) {
      sb.append('+');
    }
    sb.append(exp);
  }

  /** %x: hexadecimal mantissa and binary exponent, {@code 0x1.8p+00}. */
  private static void appendX(
      StringBuilder sb, int prec, char fmt, boolean neg, long mant, int exp) {
    if (mant == 0) {
      exp = 0;
    }
    // Put the leading 1 (if any) at bit 60 so each following hex digit is one nibble.
    mant <<= 60 - 52;
    while (mant != 0 && (mant & (1L << 60)) == 0) {
      mant <<= 1;
      exp--;
    }
    if (prec >= 0 && prec < 15) {
      int shift = prec * 4;
      long extra = (mant << shift) & ((1L << 60) - 1);
      mant >>>= 60 - shift;
      if ((extra | (mant & 1)) > (1L << 59)) {
        mant++;
      }
      mant <<= 60 - shift;
      if ((mant & (1L << 61)) != 0) {
        mant >>>= 1;
        exp++;
      }
    }
    String hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    if (neg) {
      sb.append('-');
    }
    sb.append('0').append(fmt).append((char) ('0' + ((mant >>> 60) & 1)));
    mant <<= 4;
    if (prec < 0 && mant != 0) {
      sb.append('.');
      while (mant != 0) {
        sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
        mant <<= 4;
      }
    } else if (prec > 0) {
      sb.append('.');
      for (int i = 0; i < prec; i++) {
        sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
        mant <<= 4;
      }
    }
    sb.append(fmt == 'X' ? 'P' : 'p');
    if (exp < 0) {
      sb.append('-');
      exp = -exp;
    } else {
      sb.append('+');
    }
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
  }
}
