package dev.jalloy.component.prometheus.exporter.unix;

/** The exposition types node_exporter's collectors use, as written on a {@code # TYPE} line. */
public enum MetricType {
  /** A value that only goes up (until a restart). */
  COUNTER("counter"),
  /** A value that goes up and down. */
  GAUGE("gauge"),
  /** No type information: what node_exporter emits for netstat, vmstat and textfile families. */
  UNTYPED("untyped");

  private final String text;

  MetricType(String text) {
    this.text = text;
  }

  /** The word on the {@code # TYPE} line. */
  public String text() {
    return text;
  }
}
