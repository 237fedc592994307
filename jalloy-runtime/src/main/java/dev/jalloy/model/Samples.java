package dev.jalloy.model;

/** Special sample values. */
public final class Samples {
  private Samples() {}

  /**
   * Prometheus' staleness marker: a NaN with a particular bit pattern that tells the TSDB a series
   * ended. Compare bits with {@link #isStale}, never with {@code ==} (NaN != NaN).
   */
  public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

  public static boolean isStale(double value) {
    return Double.doubleToRawLongBits(value) == 0x7ff0000000000002L;
  }
}
