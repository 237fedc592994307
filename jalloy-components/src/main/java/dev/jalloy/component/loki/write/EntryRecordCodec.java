package dev.jalloy.component.loki.write;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

  /**
   * The label sets of one record, numbered in order of first use. A record usually holds a handful
   * of sets, often the very same instances (one file's labels, or loki.process's shared ones): a
   * short list searched by identity, then by value, beats hashing every entry's set; past {@link
   * #LINEAR} sets a map takes over.
   */
  private static final class LabelSetRefs {
    private Labels[] sets = new Labels[16];
    private int count;
    // open addressing on the sets' cached hashes: each slot holds a set's number + 1, 0 when free
    private int[] slots = new int[32];

    /** The set's number, or -1 when it is new to the record. */
    int find(Labels l) {
      int mask = slots.length - 1;
      for (int i = slot(l, mask); ; i = (i + 1) & mask) {
        int ref = slots[i] - 1;
        if (ref < 0) {
          return -1;
        }
        Labels listed = sets[ref];
        if (listed == l || listed.equals(l)) {
          return ref;
        }
      }
    }

    /** Numbers a new set. */
    int add(Labels l) {
      if (count == sets.length) {
        sets = Arrays.copyOf(sets, 2 * count);
      }
      sets[count] = l;
      if (2 * (count + 1) > slots.length) {
        slots = new int[2 * slots.length];
        for (int ref = 0; ref < count; ref++) {
          insert(sets[ref], ref);
        }
      }
      insert(l, count);
      return count++;
    }

    private void insert(Labels l, int ref) {
      int mask = slots.length - 1;
      int i = slot(l, mask);
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = ref + 1;
    }

    private static int slot(Labels l, int mask) {
      int h = l.hashCode();
      return (h ^ (h >>> 16)) & mask;
    }
  }

  static byte[] encode(List<LogEntry> entries) {
    // Two passes: every part is encoded and measured first, so the record is written into an array
    // of its exact size that goes to the queue as it is, without growing or a final trimming copy.
    int n = entries.size();
    byte[][] lines = new byte[n][];
    byte[][] newSets = new byte[n][]; // the inline encoding of a set first used by entry i
    byte[][] metadata = null; // only entries with metadata have one
    int[] refs = new int[n];
    long size = 1 + varintSize(n);
    LabelSetRefs sets = new LabelSetRefs();
    Labels last = null;
    int lastRef = -1;
    for (int i = 0; i < n; i++) {
      LogEntry e = entries.get(i);
      Labels l = e.labels();
      if (l != last) { // one file's batch: the same object on every line
        int ref = sets.find(l);
        if (ref < 0) {
          ref = sets.add(l);
          newSets[i] = labelBytes(l);
          size += newSets[i].length;
        }
        last = l;
        lastRef = ref;
      }
      refs[i] = lastRef;
      lines[i] = e.line().getBytes(StandardCharsets.UTF_8); // a bulk copy for ASCII
      size += varintSize(lastRef) + varintSize(zigzag(e.timestampNanos()));
      size += varintSize(lines[i].length) + lines[i].length;
      if (e.structuredMetadata().isEmpty()) {
        size += 1;
      } else {
        if (metadata == null) {
          metadata = new byte[n][];
        }
        metadata[i] = labelBytes(e.structuredMetadata());
        size += metadata[i].length;
      }
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("queue record larger than 2 GiB");
    }
    Out out = new Out((int) size);
    out.write(VERSION);
    out.varint(n);
    for (int i = 0; i < n; i++) {
      out.varint(refs[i]);
      if (newSets[i] != null) {
        out.bytes(newSets[i]);
      }
      out.varint(zigzag(entries.get(i).timestampNanos()));
      out.varint(lines[i].length);
      out.bytes(lines[i]);
      if (metadata == null || metadata[i] == null) {
        out.write(0);
      } else {
        out.bytes(metadata[i]);
      }
    }
    return out.toByteArray();
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static int varintSize(long v) {
    return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
  }

  /** A label set as the record holds it: {@code [varint n][name value]...}. */
  private static byte[] labelBytes(Labels labels) {
    Out out = new Out(1 + labels.size() * 24);
    labels(out, labels);
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
    View v = new View();
    decode(payload, v);
    List<LogEntry> entries = new ArrayList<>(v.size);
    for (int i = 0; i < v.size; i++) {
      entries.add(
          new LogEntry(
              v.labels(i),
              v.timestamps[i],
              new String(payload, v.lineOffsets[i], v.lineLengths[i], StandardCharsets.UTF_8),
              v.metadata(i)));
    }
    return entries;
  }

  /**
   * Decodes a record into {@code into}, leaving each line as the UTF-8 bytes it is in the record:
   * the sender copies them into a push body as they are, without a {@link String} in between.
   *
   * @throws IllegalArgumentException when the record is not one this codec wrote
   */
  static void decode(byte[] payload, View into) {
    into.clear(payload);
    In in = new In(payload);
    int version = in.read();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown queue record version " + version);
    }
    int n = in.count();
    into.ensure(n);
    for (int i = 0; i < n; i++) {
      // A ref is an index into the sets seen so far, not a count of bytes to come: near the end of
      // a record with many sets it is larger than what remains, so count()'s bound does not apply.
      long ref = in.varint();
      if (ref == into.sets.size()) {
        into.sets.add(labels(in));
      } else if (ref < 0 || ref > into.sets.size()) {
        throw new IllegalArgumentException("label set ref " + ref + " out of range");
      }
      into.setRefs[i] = (int) ref;
      long z = in.varint();
      into.timestamps[i] = (z >>> 1) ^ -(z & 1);
      int len = in.count();
      if (len > payload.length - in.pos) {
        throw new IllegalArgumentException("string overruns the queue record");
      }
      into.lineOffsets[i] = in.pos;
      into.lineLengths[i] = len;
      in.pos += len;
      Labels metadata = labels(in);
      into.metadata[i] = metadata.isEmpty() ? null : metadata;
    }
    if (in.pos != payload.length) {
      throw new IllegalArgumentException("trailing bytes in queue record");
    }
    into.size = n; // only a whole record is ever seen as entries
  }

  /**
   * One decoded record, column by column, its lines left in the record's bytes. Reused from record
   * to record by one reader: the arrays only grow.
   */
  static final class View {
    /** The record the line offsets point into. */
    byte[] record = new byte[0];

    int size;

    /** The record's distinct label sets, in order of first use. */
    final List<Labels> sets = new ArrayList<>();

    int[] setRefs = new int[0];
    long[] timestamps = new long[0];
    int[] lineOffsets = new int[0];
    int[] lineLengths = new int[0];
    Labels[] metadata = new Labels[0]; // null for none, the common case

    private void clear(byte[] payload) {
      record = payload;
      size = 0;
      sets.clear();
      Arrays.fill(metadata, null); // nothing of the last record stays reachable through this
    }

    private void ensure(int n) {
      if (setRefs.length < n) {
        int c = Math.max(n, setRefs.length * 2);
        setRefs = new int[c];
        timestamps = new long[c];
        lineOffsets = new int[c];
        lineLengths = new int[c];
        metadata = new Labels[c];
      }
    }

    Labels labels(int i) {
      return sets.get(setRefs[i]);
    }

    Labels metadata(int i) {
      Labels m = metadata[i];
      return m == null ? Labels.EMPTY : m;
    }
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

  /** A growable array; unsynchronized, unlike {@link java.io.ByteArrayOutputStream}. */
  private static final class Out {
    private byte[] buf;
    private int pos;

    Out(int size) {
      buf = new byte[Math.max(16, size)];
    }

    private void ensure(int more) {
      if (more > buf.length - pos) {
        long want = Math.max((long) buf.length * 2, (long) pos + more);
        if (want > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException("queue record larger than 2 GiB");
        }
        buf = Arrays.copyOf(buf, (int) want);
      }
    }

    void write(int b) {
      ensure(1);
      buf[pos++] = (byte) b;
    }

    void varint(long v) {
      ensure(10);
      while ((v & ~0x7fL) != 0) {
        buf[pos++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    void string(String s) {
      // The JDK's encoder is a bulk copy for Latin-1 strings without bytes >= 0x80: what lines are.
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    byte[] toByteArray() {
      return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
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
