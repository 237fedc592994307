package dev.jalloy.component.prometheus.remotewrite.wire;

/** {@code prometheus.MetricMetadata.MetricType}; the ordinal is the protobuf enum number. */
public enum MetricType {
  UNKNOWN,
  COUNTER,
  GAUGE,
  HISTOGRAM,
  GAUGEHISTOGRAM,
  SUMMARY,
  INFO,
  STATESET;

  private static final MetricType[] VALUES = values();

  /** The enum number on the wire. */
  public int number() {
    return ordinal();
  }

  /** The type for a wire number; numbers this version does not know are {@link #UNKNOWN}. */
  public static MetricType ofNumber(long n) {
    return n >= 0 && n < VALUES.length ? VALUES[(int) n] : UNKNOWN;
  }
}
