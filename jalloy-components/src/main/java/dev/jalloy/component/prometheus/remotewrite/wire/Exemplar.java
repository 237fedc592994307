package dev.jalloy.component.prometheus.remotewrite.wire;

import dev.jalloy.model.Labels;

/**
 * {@code prometheus.Exemplar}.
 *
 * @param labels the exemplar's own labels, typically {@code trace_id}
 * @param timestamp milliseconds since the epoch
 */
public record Exemplar(Labels labels, long timestamp, double value) {
  /** Compares values bit for bit, like {@link Sample}. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Exemplar e
        && e.labels.equals(labels)
        && e.timestamp == timestamp
        && Double.doubleToRawLongBits(e.value) == Double.doubleToRawLongBits(value);
  }

  @Override
  public int hashCode() {
    return (labels.hashCode() * 31 + Long.hashCode(timestamp)) * 31
        + Long.hashCode(Double.doubleToRawLongBits(value));
  }
}
