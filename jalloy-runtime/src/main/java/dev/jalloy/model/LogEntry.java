package dev.jalloy.model;

import java.util.Objects;

/**
 * One log line travelling through a {@code loki.*} pipeline: its stream's labels, when it happened,
 * the line, and the structured metadata Loki keeps beside the line without indexing it.
 *
 * <p>Labels starting with {@code __} are internal: sources strip them before sending, except {@code
 * __tenant_id__}, which {@code stage.tenant} and {@code loki.source.api} set for {@code
 * loki.write}.
 *
 * @param labels the stream's labels
 * @param timestampNanos Unix time in nanoseconds (Loki's precision)
 * @param line the log line, without its line terminator
 * @param structuredMetadata name/value pairs kept with the line, not indexed; {@link Labels#EMPTY}
 *     for none
 */
public record LogEntry(Labels labels, long timestampNanos, String line, Labels structuredMetadata) {
  /** Checks that nothing is null. */
  public LogEntry {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(structuredMetadata, "structuredMetadata");
  }

  /** An entry without structured metadata. */
  public static LogEntry of(Labels labels, long timestampNanos, String line) {
    return new LogEntry(labels, timestampNanos, line, Labels.EMPTY);
  }

  /** The same entry with other labels. */
  public LogEntry withLabels(Labels newLabels) {
    return new LogEntry(newLabels, timestampNanos, line, structuredMetadata);
  }

  /** The same entry with another line. */
  public LogEntry withLine(String newLine) {
    return new LogEntry(labels, timestampNanos, newLine, structuredMetadata);
  }

  /** The same entry at another time. */
  public LogEntry withTimestamp(long newTimestampNanos) {
    return new LogEntry(labels, newTimestampNanos, line, structuredMetadata);
  }

  /** The same entry with other structured metadata. */
  public LogEntry withStructuredMetadata(Labels metadata) {
    return new LogEntry(labels, timestampNanos, line, metadata);
  }
}
