package dev.jalloy.component.prometheus.remotewrite.wire;

/**
 * {@code prometheus.Sample}: one value of a series.
 *
 * @param timestamp milliseconds since the epoch
 * @param value the value; the stale marker is the NaN with bits {@link #STALE_NAN_BITS}
 */
public record Sample(long timestamp, double value) {
  /** Prometheus' staleness marker: a NaN with this exact bit pattern. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

  /** Whether {@code v} is the stale marker (not just any NaN). */
  public static boolean isStaleMarker(double v) {
    return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
  }

  /** Compares values bit for bit, so the stale marker and other NaNs stay distinct. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Sample s
        && s.timestamp == timestamp
        && Double.doubleToRawLongBits(s.value) == Double.doubleToRawLongBits(value);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestamp) * 31 + Long.hashCode(Double.doubleToRawLongBits(value));
  }
}
