package dev.jalloy.model;

/**
 * One transaction of samples into a metrics receiver, Prometheus' appender model: a scrape, a
 * remote-write request or a relabeled batch appends its samples, then commits them together or
 * rolls them all back. Not thread-safe: one appender per producer per batch.
 */
public interface Appender {
  /**
   * Appends one sample.
   *
   * @param ref the reference this receiver returned for the same series before, or 0; lets a
   *     receiver skip the label lookup on the hot path. References come from {@link SeriesRefs}, so
   *     one the receiver does not know (another receiver's, or one it forgot) is treated as 0.
   * @param labels the series, {@code __name__} included
   * @param timestampMs milliseconds since the epoch
   * @param value the value; {@link Samples#STALE_NAN} marks a series as stale
   * @return a reference for the series to pass back next time, or 0 when the receiver has none
   */
  long append(long ref, Labels labels, long timestampMs, double value);

  /** Attaches an exemplar to a series; receivers that do not keep exemplars ignore it. */
  default void appendExemplar(long ref, Labels series, Exemplar exemplar) {}

  /** Records a metric family's metadata; receivers that do not keep metadata ignore it. */
  default void updateMetadata(Labels series, Metadata metadata) {}

  /** Makes everything appended since the last commit or rollback visible downstream. */
  void commit();

  /** Discards everything appended since the last commit or rollback. */
  void rollback();
}
