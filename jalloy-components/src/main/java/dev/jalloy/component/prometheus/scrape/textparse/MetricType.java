package dev.jalloy.component.prometheus.scrape.textparse;

/** A metric family's type, as declared by {@code # TYPE}; {@link #UNKNOWN} when undeclared. */
public enum MetricType {
  COUNTER("counter"),
  GAUGE("gauge"),
  HISTOGRAM("histogram"),
  GAUGE_HISTOGRAM("gaugehistogram"),
  SUMMARY("summary"),
  INFO("info"),
  STATESET("stateset"),
  /** Prometheus' {@code untyped}, OpenMetrics' {@code unknown}. */
  UNKNOWN("unknown");

  private final String text;

  MetricType(String text) {
    this.text = text;
  }

  /** The name used in OpenMetrics and in Prometheus' metadata API. */
  public String text() {
    return text;
  }
}
