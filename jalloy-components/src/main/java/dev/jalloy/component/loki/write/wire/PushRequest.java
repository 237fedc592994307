package dev.jalloy.component.loki.write.wire;

import java.util.List;

/**
 * A decoded {@code logproto.PushRequest} (spec 7.2).
 *
 * @param streams the streams, in body order
 */
public record PushRequest(List<PushStream> streams) {
  /** Copies the streams. */
  public PushRequest {
    streams = List.copyOf(streams);
  }

  /** The number of entries over all streams. */
  public int entryCount() {
    return streams.stream().mapToInt(s -> s.entries().size()).sum();
  }
}
