package dev.jalloy.component.prometheus.exporter.unix;

/** The exposition types node_exporter's collectors use, as written on a {@code # TYPE} line. */
public enum MetricType {
  /** A value that only goes up (until a restart). */
  COUNTER("counter"),
  /** A value that goes up and down. */
  GAUGE("gauge"),
  /** No type information: what node_exporter emits for netstat, vmstat and textfile families. */
  UNTYPED("untyped"),
  /**
   * Buckets, sum and count; only the textfile collector passes these through. Its samples carry
   * their own name in a {@link MetricSink#SAMPLE_NAME} label ({@code foo_bucket}, {@code foo_sum}).
   */
  HISTOGRAM("histogram"),
  /** Quantiles, sum and count; passed through by the textfile collector like histograms. */
  SUMMARY("summary");

  private final String text;

  MetricType(String text) {
    this.text = text;
  }

  /** The word on the {@code # TYPE} line. */
  public String text() {
    return text;
  }
}
