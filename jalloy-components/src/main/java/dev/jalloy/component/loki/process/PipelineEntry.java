package dev.jalloy.component.loki.process;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import java.util.HashMap;
import java.util.Map;

/**
 * An entry while it moves through {@code loki.process}'s stages: mutable, owned by one stage at a
 * time. Stages read and write its labels, its line, its timestamp, its structured metadata and the
 * <em>extracted</em> map, the scratch space where parsing stages ({@code stage.json}, {@code
 * stage.regex}, ...) put values that later stages ({@code stage.labels}, {@code stage.timestamp},
 * {@code stage.output}, ...) use.
 *
 * <p>As in Alloy's {@code loki/process/stages/pipeline.go}, the extracted map starts with the
 * entry's labels, so {@code stage.template} and friends can refer to them by name. Extracted values
 * are Strings, or what a JSON document holds (Boolean, Number, List, Map, null).
 */
public final class PipelineEntry {
  /** The stream labels; iterated in name order, as Loki shows them. */
  public final Map<String, String> labels;

  /** Values extracted by earlier stages, by name. */
  public final Map<String, Object> extracted;

  /** Structured metadata, in insertion order of first set. */
  public final Map<String, String> structuredMetadata;

  private final LabelMap sortedLabels; // the same map as labels

  /** Unix nanoseconds. */
  public long timestampNanos;

  /** The log line. */
  public String line;

  private PipelineEntry(
      LabelMap labels,
      Map<String, Object> extracted,
      Map<String, String> structuredMetadata,
      long timestampNanos,
      String line) {
    this.labels = labels;
    this.sortedLabels = labels;
    this.extracted = extracted;
    this.structuredMetadata = structuredMetadata;
    this.timestampNanos = timestampNanos;
    this.line = line;
  }

  /** An entry to process: labels copied, extracted map seeded with them. */
  public static PipelineEntry from(LogEntry entry) {
    Labels source = entry.labels();
    LabelMap labels = LabelMap.of(source);
    // room for what parsing stages typically add (cri four, a regex a few) before a resize; a
    // larger table up front cost more allocation per line than the rare resize
    Map<String, Object> extracted = HashMap.newHashMap(source.size() + 8);
    for (int i = 0; i < source.size(); i++) {
      extracted.put(source.name(i), source.value(i));
    }
    Map<String, String> metadata = new java.util.LinkedHashMap<>(); // no table until a put
    if (!entry.structuredMetadata().isEmpty()) {
      entry.structuredMetadata().forEach(metadata::put);
    }
    return new PipelineEntry(labels, extracted, metadata, entry.timestampNanos(), entry.line());
  }

  /**
   * The entry as it leaves the pipeline; the labels go out without a sort, as they are kept sorted.
   */
  public LogEntry toLogEntry() {
    return new LogEntry(
        sortedLabels.toLabels(), timestampNanos, line, Labels.of(structuredMetadata));
  }

  /** As {@link #toLogEntry()}, with label sets equal to recent ones shared with them. */
  LogEntry toLogEntry(RecentLabels recent) {
    return new LogEntry(
        sortedLabels.toLabels(recent), timestampNanos, line, Labels.of(structuredMetadata));
  }

  /**
   * An independent copy, for stages that emit an entry more than once or keep one while the
   * original goes on.
   */
  public PipelineEntry copy() {
    return new PipelineEntry(
        sortedLabels.copy(),
        new HashMap<>(extracted),
        new java.util.LinkedHashMap<>(structuredMetadata),
        timestampNanos,
        line);
  }

  @Override
  public String toString() {
    return labels + " " + timestampNanos + " " + line;
  }
}
