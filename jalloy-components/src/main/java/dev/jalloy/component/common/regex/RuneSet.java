package dev.jalloy.component.common.regex;

/**
 * A set of runes for {@link AnchoredProgram}: ASCII as a 128-bit map, the rest as lo, hi ranges.
 */
final class RuneSet {
  private final long low; // runes 0-63
  private final long high; // runes 64-127
  private final int[] ranges; // lo, hi pairs of the part above 127

  /**
   * When the set is every rune but one or two ASCII chars (a class such as {@code [^"]}), those
   * chars: a run of it ends at the first of them, which {@link String#indexOf(int, int)} finds
   * without testing each char. Null otherwise.
   */
  private final char[] allBut;

  private RuneSet(long low, long high, int[] ranges) {
    this.low = low;
    this.high = high;
    this.ranges = ranges;
    this.allBut = allBut(low, high, ranges);
  }

  private static char[] allBut(long low, long high, int[] ranges) {
    if (Long.bitCount(low) + Long.bitCount(high) < 126 || !coversAboveAscii(ranges)) {
      return null;
    }
    StringBuilder missing = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      long bits = c < 64 ? low : high;
      if ((bits & (1L << c)) == 0) {
        missing.append(c);
      }
    }
    return missing.isEmpty() ? null : missing.toString().toCharArray();
  }

  /** Whether the ranges above ASCII cover 128 to the last rune without a gap. */
  private static boolean coversAboveAscii(int[] ranges) {
    int[][] sorted = new int[ranges.length / 2][];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = new int[] {ranges[2 * i], ranges[2 * i + 1]};
    }
    java.util.Arrays.sort(sorted, (a, b) -> Integer.compare(a[0], b[0]));
    int next = 128; // the first rune not yet covered
    for (int[] r : sorted) {
      if (r[0] > next) {
        return false;
      }
      next = Math.max(next, r[1] + 1);
    }
    return next > Character.MAX_CODE_POINT;
  }

  /**
   * Where a run of the set that starts at {@code from} in {@code s} ends (at most at {@code to}),
   * when the set is every rune but a few ASCII chars; -1 when it is not such a set.
   */
  int allButRunEnd(String s, int from, int to) {
    if (allBut == null) {
      return -1;
    }
    int end = to;
    for (char c : allBut) {
      int at = s.indexOf(c, from, end);
      if (at >= 0) {
        end = at;
      }
    }
    return end;
  }

  /** The set of lo, hi rune ranges, in any order, overlapping or not. */
  static RuneSet of(int[] ranges) {
    long low = 0;
    long high = 0;
    int[] rest = new int[ranges.length];
    int restLength = 0;
    for (int i = 0; i + 1 < ranges.length; i += 2) {
      int lo = ranges[i];
      int hi = ranges[i + 1];
      for (int r = lo; r <= Math.min(hi, 127); r++) {
        if (r < 64) {
          low |= 1L << r;
        } else {
          high |= 1L << (r - 64);
        }
      }
      if (hi > 127) {
        rest[restLength++] = Math.max(lo, 128);
        rest[restLength++] = hi;
      }
    }
    return new RuneSet(low, high, java.util.Arrays.copyOf(rest, restLength));
  }

  /**
   * Where the run of ASCII runes in the set that starts at {@code from} ends: at {@code to}, at
   * {@code from + max} when {@code max >= 0}, or at the first char that is not an ASCII member
   * (which may still be a member above ASCII, for the caller to test).
   */
  int asciiRunEnd(CharSequence in, int from, int to, int max) {
    int end = max >= 0 && max < to - from ? from + max : to;
    long lowBits = low;
    long highBits = high;
    int i = from;
    while (i < end) {
      char c = in.charAt(i);
      long bits = c < 64 ? lowBits : highBits;
      if (c >= 128 || (bits & (1L << c)) == 0) { // a long shift uses the low six bits of c
        break;
      }
      i++;
    }
    return i;
  }

  boolean contains(int rune) {
    if (rune < 64) {
      return (low & (1L << rune)) != 0;
    }
    if (rune < 128) {
      return (high & (1L << (rune - 64))) != 0;
    }
    for (int i = 0; i < ranges.length; i += 2) {
      if (rune >= ranges[i] && rune <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
