package dev.jalloy.component.loki.write;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One queue record = one received batch of entries. Layout: {@code [version=1][varint entries]},
 * then per entry {@code [varint label-set ref][zigzag varint timestamp][string line][metadata]}. A
 * label-set ref equal to the number of sets seen so far in the record introduces a new set written
 * inline ({@code [varint n][name value]...}); smaller refs repeat an earlier equal one, because a
 * batch from one file or one push stream carries the same labels on every line. Strings are {@code
 * [varint length][UTF-8]}.
 */
final class EntryRecordCodec {
  private static final int VERSION = 1;

  private EntryRecordCodec() {}

  static byte[] encode(List<LogEntry> entries) {
    Out out = new Out(64 + entries.size() * 48);
    out.write(VERSION);
    out.varint(entries.size());
    // By value, not identity: loki.process builds a new Labels per entry, equal ones included.
    Map<Labels, Integer> refs = new HashMap<>();
    for (LogEntry e : entries) {
      Integer ref = refs.get(e.labels());
      if (ref != null) {
        out.varint(ref);
      } else {
        out.varint(refs.size());
        refs.put(e.labels(), refs.size());
        labels(out, e.labels());
      }
      out.varint((e.timestampNanos() << 1) ^ (e.timestampNanos() >> 63));
      out.string(e.line());
      labels(out, e.structuredMetadata());
    }
    return out.toByteArray();
  }

  private static void labels(Out out, Labels labels) {
    out.varint(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      out.string(labels.name(i));
      out.string(labels.value(i));
    }
  }

  /**
   * Decodes a record.
   *
   * @throws IllegalArgumentException when the record is not one this codec wrote
   */
  static List<LogEntry> decode(byte[] payload) {
    In in = new In(payload);
    int version = in.read();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown queue record version " + version);
    }
    int n = in.count();
    List<LogEntry> entries = new ArrayList<>(n);
    List<Labels> sets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // A ref is an index into the sets seen so far, not a count of bytes to come: near the end of
      // a record with many sets it is larger than what remains, so count()'s bound does not apply.
      long ref = in.varint();
      Labels labels;
      if (ref == sets.size()) {
        labels = labels(in);
        sets.add(labels);
      } else if (ref >= 0 && ref < sets.size()) {
        labels = sets.get((int) ref);
      } else {
        throw new IllegalArgumentException("label set ref " + ref + " out of range");
      }
      long z = in.varint();
      long ts = (z >>> 1) ^ -(z & 1);
      String line = in.string();
      entries.add(new LogEntry(labels, ts, line, labels(in)));
    }
    if (in.pos != payload.length) {
      throw new IllegalArgumentException("trailing bytes in queue record");
    }
    return entries;
  }

  private static Labels labels(In in) {
    int n = in.count();
    if (n == 0) {
      return Labels.EMPTY;
    }
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < n; i++) {
      b.set(in.string(), in.string());
    }
    return b.build();
  }

  private static final class Out extends ByteArrayOutputStream {
    Out(int size) {
      super(size);
    }

    void varint(long v) {
      while ((v & ~0x7fL) != 0) {
        write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      write((int) v);
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      write(b, 0, b.length);
    }
  }

  private static final class In {
    private final byte[] b;
    private int pos;

    In(byte[] b) {
      this.b = b;
    }

    int read() {
      if (pos >= b.length) {
        throw new IllegalArgumentException("truncated queue record");
      }
      return b[pos++] & 0xff;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = read();
        v |= (long) (x & 0x7f) << shift;
        if (x < 0x80) {
          return v;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }

    int count() {
      long v = varint();
      if (v < 0 || v > b.length - pos + 1L) {
        // Every counted item takes at least one byte: a larger count is corruption.
        throw new IllegalArgumentException("count " + v + " exceeds the record");
      }
      return (int) v;
    }

    String string() {
      int len = count();
      if (len > b.length - pos) {
        throw new IllegalArgumentException("string overruns the queue record");
      }
      String s = new String(b, pos, len, StandardCharsets.UTF_8);
      pos += len;
      return s;
    }
  }
}
