package dev.jalloy.component.loki.write;

import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.loki.write.wire.LabelSetString;
import dev.jalloy.component.loki.write.wire.PushRequestEncoder;
import dev.jalloy.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries of one tenant waiting to be sent, grouped into streams by label set in arrival order,
 * as Alloy's {@code client/batch.go}. Size is counted as Alloy does: line bytes plus structured
 * metadata name and value bytes.
 *
 * <p>A line stays where it was read, in its queue record, until it is copied into the push body: an
 * entry is a reference to the record and the line's place in it, kept column by column.
 */
final class TenantBatch {
  final String tenant;

  /** The queue record the oldest entry came from: the acknowledged position cannot pass it. */
  final Position firstRecord;

  final long createdNanos;
  private final Map<Labels, Stream> streams = new LinkedHashMap<>();
  private Labels lastLabels;
  private Stream lastStream;
  private long bytes;
  private int entries;

  TenantBatch(String tenant, Position firstRecord, long createdNanos) {
    this.tenant = tenant;
    this.firstRecord = firstRecord;
    this.createdNanos = createdNanos;
  }

  /** An entry's size as Alloy counts it: its line's UTF-8 bytes plus its metadata's. */
  static long size(int lineBytes, Labels metadata) {
    long n = lineBytes;
    for (int i = 0; i < metadata.size(); i++) {
      n += utf8Length(metadata.name(i)) + utf8Length(metadata.value(i));
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

  /**
   * Adds an entry whose labels are final (internal labels removed, external ones merged) and whose
   * line is {@code record[off, off + len)} in UTF-8.
   */
  void add(
      Labels labels,
      long timestampNanos,
      byte[] record,
      int off,
      int len,
      Labels metadata,
      long size) {
    Stream s;
    if (labels == lastLabels) {
      s = lastStream; // the lines of one record mostly share one label set object
    } else {
      s = streams.computeIfAbsent(labels, k -> new Stream());
      lastLabels = labels;
      lastStream = s;
    }
    s.add(timestampNanos, record, off, len, metadata);
    bytes += size;
    entries++;
  }

  /** Writes the batch as one PushRequest. */
  void encode(PushRequestEncoder encoder) {
    encoder.reset();
    for (Map.Entry<Labels, Stream> e : streams.entrySet()) {
      encoder.beginStream(LabelSetString.format(e.getKey()));
      Stream s = e.getValue();
      for (int i = 0; i < s.size; i++) {
        Labels m = s.metadata == null || s.metadata[i] == null ? Labels.EMPTY : s.metadata[i];
        encoder.entry(s.timestamps[i], s.records[i], s.offsets[i], s.lengths[i], m);
      }
    }
  }

  /** One stream's entries in arrival order. */
  private static final class Stream {
    int size;
    long[] timestamps = new long[16];
    byte[][] records = new byte[16][];
    int[] offsets = new int[16];
    int[] lengths = new int[16];
    Labels[] metadata; // created by the first entry that has any

    void add(long ts, byte[] record, int off, int len, Labels m) {
      if (size == timestamps.length) {
        int c = size * 2;
        timestamps = Arrays.copyOf(timestamps, c);
        records = Arrays.copyOf(records, c);
        offsets = Arrays.copyOf(offsets, c);
        lengths = Arrays.copyOf(lengths, c);
        if (metadata != null) {
          metadata = Arrays.copyOf(metadata, c);
        }
      }
      if (!m.isEmpty()) {
        if (metadata == null) {
          metadata = new Labels[timestamps.length];
        }
        metadata[size] = m;
      }
      timestamps[size] = ts;
      records[size] = record;
      offsets[size] = off;
      lengths[size] = len;
      size++;
    }
  }
}
