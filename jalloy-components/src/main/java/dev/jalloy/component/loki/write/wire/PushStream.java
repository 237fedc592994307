package dev.jalloy.component.loki.write.wire;

import java.util.List;

/**
 * One {@code logproto.StreamAdapter}.
 *
 * @param labels the stream's label set as Loki's PromQL-style string, e.g. {@code {job="x"}}
 * @param entries the stream's entries, in order
 */
public record PushStream(String labels, List<PushEntry> entries) {
  /** Copies the entries. */
  public PushStream {
    entries = List.copyOf(entries);
  }
}
