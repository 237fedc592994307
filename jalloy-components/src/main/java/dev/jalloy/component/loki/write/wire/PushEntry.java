package dev.jalloy.component.loki.write.wire;

import dev.jalloy.model.Labels;
import java.util.Objects;

/**
 * One {@code logproto.EntryAdapter}.
 *
 * @param timestampNanos Unix nanoseconds
 * @param line the log line
 * @param structuredMetadata the {@code structuredMetadata} pairs, {@link Labels#EMPTY} for none
 */
public record PushEntry(long timestampNanos, String line, Labels structuredMetadata) {
  /** Checks that nothing is null. */
  public PushEntry {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(structuredMetadata, "structuredMetadata");
  }
}
