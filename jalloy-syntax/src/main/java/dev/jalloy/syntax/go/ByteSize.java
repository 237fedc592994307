package dev.jalloy.syntax.go;

/**
 * A size in bytes written with base-2 units, as Alloy reads them with {@code
 * units.ParseBase2Bytes}: {@code B}, {@code KB}/{@code KiB}, {@code MB}/{@code MiB}, … {@code
 * EB}/{@code EiB}, where {@code 1MB} is 1024×1024 bytes. Several terms may be combined ({@code
 * 1MiB512KiB}), decimals are allowed ({@code 1.5GiB}) and a bare {@code 0} means zero.
 *
 * @param bytes the size in bytes
 */
public record ByteSize(long bytes) {
  private static final String[] PREFIXES = {"", "K", "M", "G", "T", "P", "E"};

  /**
   * Parses s with base-2 units. The {@code iB} spelling is tried first, then the {@code B}
   * spelling, and the second attempt's error is reported, like Alloy's parser.
   *
   * @throws IllegalArgumentException with the units library's message, e.g. {@code units: unknown
   *     unit kB in 1kB}
   */
  public static ByteSize parse(String s) {
    try {
      return new ByteSize(parseUnits(s, "iB"));
    } catch (IllegalArgumentException first) {
      return new ByteSize(parseUnits(s, "B"));
    }
  }

  private static long multiplier(String unit, String suffix) {
    if (unit.equals("B")) {
      return 1;
    }
    if (!unit.endsWith(suffix)) {
      return 0;
    }
    String prefix = unit.substring(0, unit.length() - suffix.length());
    for (int i = 1; i < PREFIXES.length; i++) {
      if (PREFIXES[i].equals(prefix)) {
        return 1L << (10 * i);
      }
    }
    return 0;
  }

  private static long parseUnits(String s, String suffix) {
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
      throw new IllegalArgumentException("units: invalid " + orig);
    }
    double f = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        throw new IllegalArgumentException("units: invalid " + orig);
      }
      int start = i;
      long x = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (x >= (Long.MAX_VALUE - 10) / 10) {
          throw new IllegalArgumentException("units: invalid " + orig);
        }
        x = x * 10 + (s.charAt(i) - '0');
        i++;
      }
      double g = x;
      boolean pre = i != start;
      boolean post = false;
      if (i < n && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        long frac = 0;
        double scale = 1;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          if (frac >= (Long.MAX_VALUE - 10) / 10) {
            throw new IllegalArgumentException("units: invalid " + orig);
          }
          frac = frac * 10 + (s.charAt(i) - '0');
          scale *= 10;
          i++;
        }
        g += frac / scale;
        post = i != fracStart;
      }
      if (!pre && !post) {
        throw new IllegalArgumentException("units: invalid " + orig);
      }
      int unitStart = i;
      while (i < n) {
        char u = s.charAt(i);
        if (u == '.' || (u >= '0' && u <= '9')) {
          break;
        }
        i++;
      }
      String unit = s.substring(unitStart, i);
      long mult = multiplier(unit, suffix);
      if (mult == 0) {
        throw new IllegalArgumentException("units: unknown unit " + unit + " in " + orig);
      }
      f += g * mult;
    }
    if (neg) {
      f = -f;
    }
    if (f < -0x1p63 || f >= 0x1p63) {
      throw new IllegalArgumentException("units: overflow parsing unit");
    }
    return (long) f;
  }

  /**
   * Formats like the units library's {@code Base2Bytes.String()}: every non-zero base-1024 part
   * from largest to smallest, {@code 1MiB512KiB}, {@code 100B}, {@code 0B}.
   */
  @Override
  public String toString() {
    return format(bytes);
  }

  /** Formats a byte count like {@link #toString()}. */
  public static String format(long bytes) {
    long n = bytes;
    if (n == 0) {
      return "0B";
    }
    String[] out = new String[PREFIXES.length];
    for (int i = 0; i < PREFIXES.length; i++) {
      long part = n % 1024;
      if (part != 0) {
        out[i] = part + PREFIXES[i] + (i == 0 ? "B" : "iB");
      }
      n /= 1024;
      if (n == 0) {
        break;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = out.length - 1; i >= 0; i--) {
      if (out[i] != null) {
        sb.append(out[i]);
      }
    }
    return sb.toString();
  }
}
