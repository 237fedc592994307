package dev.jalloy.component.loki.write;

import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.loki.write.wire.LabelSetString;
import dev.jalloy.component.loki.write.wire.PushRequestEncoder;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one tenant waiting to be sent, grouped into streams by label set in arrival order,
 * as Alloy's {@code client/batch.go}. Size is counted as Alloy does: line bytes plus structured
 * metadata name and value bytes.
 */
final class TenantBatch {
  final String tenant;

  /** The queue record the oldest entry came from: the acknowledged position cannot pass it. */
  final Position firstRecord;

  final long createdNanos;
  private final Map<Labels, List<LogEntry>> streams = new LinkedHashMap<>();
  private long bytes;
  private int entries;

  TenantBatch(String tenant, Position firstRecord, long createdNanos) {
    this.tenant = tenant;
    this.firstRecord = firstRecord;
    this.createdNanos = createdNanos;
  }

  static long size(LogEntry e) {
    long n = utf8Length(e.line());
    Labels m = e.structuredMetadata();
    for (int i = 0; i < m.size(); i++) {
      n += utf8Length(m.name(i)) + utf8Length(m.value(i));
    }
    return n;
  }

  private static long utf8Length(String s) {
    // ASCII is the common case and needs no encoding pass.
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }

  boolean isEmpty() {
    return entries == 0;
  }

  boolean hasStream(Labels labels) {
    return streams.containsKey(labels);
  }

  int streamCount() {
    return streams.size();
  }

  long bytes() {
    return bytes;
  }

  int entries() {
    return entries;
  }

  /** Whether adding {@code size} bytes would take a non-empty batch past {@code limit}. */
  boolean wouldExceed(long size, long limit) {
    return entries > 0 && bytes + size > limit;
  }

  /** Adds an entry whose labels are final (internal labels removed, external ones merged). */
  void add(LogEntry entry, long size) {
    streams.computeIfAbsent(entry.labels(), k -> new ArrayList<>()).add(entry);
    bytes += size;
    entries++;
  }

  /** Writes the batch as one PushRequest. */
  void encode(PushRequestEncoder encoder) {
    encoder.reset();
    for (Map.Entry<Labels, List<LogEntry>> s : streams.entrySet()) {
      encoder.beginStream(LabelSetString.format(s.getKey()));
      for (LogEntry e : s.getValue()) {
        encoder.entry(e.timestampNanos(), e.line(), e.structuredMetadata());
      }
    }
  }
}
