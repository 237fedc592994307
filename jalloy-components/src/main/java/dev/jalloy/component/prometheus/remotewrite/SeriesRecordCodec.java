package dev.jalloy.component.prometheus.remotewrite;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import java.io.IOException;
import java.util.Arrays;

/**
 * The WAL record format (version 2): series are defined once per WAL segment and samples refer to
 * them by number, as Prometheus' WAL writes series records and then (ref, t, v) samples.
 *
 * <pre>
 * record   = version:u8(2) entry*
 * entry    = 1 id:uvarint n:uvarint (name:str value:str)*      a series, first use in the segment
 *          | 2 id:uvarint dt:svarint value:f64                 a sample; dt from the previous ts
 *          | 3 id:uvarint labels ts:i64 value:f64              an exemplar
 *          | 4 labels type:str help:str unit:str               metadata of a metric family
 * str      = len:uvarint utf8
 * </pre>
 *
 * <p>Every series a segment's samples use is defined in that segment before its first sample, so a
 * reader that starts at the beginning of any segment (truncation removes whole segments) knows all
 * it needs, and may forget every definition when it moves to the next segment. A sample of a scrape
 * costs about 13 bytes instead of its whole label set. Version 1 records (labels with every sample,
 * {@link WalEntryCodec}) are still read, so a WAL written by an older jalloy drains.
 */
final class SeriesRecordCodec {
  static final int VERSION = 2;
  private static final int SERIES = 1;
  private static final int SAMPLE = 2;
  private static final int EXEMPLAR = 3;
  private static final int METADATA = 4;

  private SeriesRecordCodec() {}

  /** What a record contains, in order; the reader's callbacks. */
  interface Visitor {
    /** A series definition: {@code id} stands for {@code labels} until the segment ends. */
    void series(long id, Labels labels);

    /** A sample of a defined series. */
    void sample(long id, long timestampMs, double value);

    /** An exemplar of a defined series. */
    void exemplar(long id, Exemplar exemplar);

    /** Metadata; carries its own labels (the family name), since it is rare. */
    void metadata(Labels series, Metadata metadata);

    /** A version 1 sample, labels inline. */
    void legacySample(Labels series, long timestampMs, double value);

    /** A version 1 exemplar, labels inline. */
    void legacyExemplar(Labels series, Exemplar exemplar);
  }

  /** Builds one record; reused across records by one writer at a time. */
  static final class Writer {
    private byte[] buf = new byte[4096];
    private int pos;
    private long lastTimestamp;

    Writer start() {
      pos = 0;
      lastTimestamp = 0;
      buf[pos++] = VERSION;
      return this;
    }

    Writer series(long id, Labels labels) {
      byte1(SERIES);
      uvarint(id);
      uvarint(labels.size());
      for (int i = 0; i < labels.size(); i++) {
        string(labels.name(i));
        string(labels.value(i));
      }
      return this;
    }

    Writer sample(long id, long timestampMs, double value) {
      ensure(1 + 10 + 10 + 8);
      buf[pos++] = SAMPLE;
      uvarint(id);
      long delta = timestampMs - lastTimestamp;
      uvarint((delta << 1) ^ (delta >> 63)); // zigzag: small either way
      lastTimestamp = timestampMs;
      fixed64(Double.doubleToRawLongBits(value));
      return this;
    }

    Writer exemplar(long id, Exemplar exemplar) {
      byte1(EXEMPLAR);
      uvarint(id);
      labels(exemplar.labels());
      fixed64(exemplar.timestampMs());
      fixed64(Double.doubleToRawLongBits(exemplar.value()));
      return this;
    }

    Writer metadata(Labels series, Metadata metadata) {
      byte1(METADATA);
      labels(series);
      string(metadata.type());
      string(metadata.help());
      string(metadata.unit());
      return this;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, pos);
    }

    private void labels(Labels labels) {
      uvarint(labels.size());
      for (int i = 0; i < labels.size(); i++) {
        string(labels.name(i));
        string(labels.value(i));
      }
    }

    private void byte1(int b) {
      ensure(1);
      buf[pos++] = (byte) b;
    }

    private void uvarint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    private void fixed64(long v) {
      ensure(8);
      for (int i = 0; i < 8; i++) {
        buf[pos++] = (byte) (v >>> (8 * i));
      }
    }

    private void string(String s) {
      byte[] b = s.getBytes(UTF_8);
      uvarint(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    private void ensure(int more) {
      if (pos + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
      }
    }
  }

  /**
   * Reads a record of either version into {@code visitor}.
   *
   * @throws IOException when the payload is not a record of a known format (the WAL's CRC makes
   *     that a bug or a version from the future, never a torn write)
   */
  static void read(byte[] payload, Visitor visitor) throws IOException {
    if (payload.length == 0) {
      throw new IOException("empty WAL record");
    }
    int version = payload[0] & 0xFF;
    if (version == WalEntryCodec.VERSION) {
      readVersion1(payload, visitor);
      return;
    }
    if (version != VERSION) {
      throw new IOException("unknown WAL record version " + version);
    }
    Reader in = new Reader(payload);
    long lastTimestamp = 0;
    while (in.pos < payload.length) {
      int kind = payload[in.pos++] & 0xFF;
      switch (kind) {
        case SERIES -> {
          long id = in.uvarint();
          visitor.series(id, in.labels());
        }
        case SAMPLE -> {
          long id = in.uvarint();
          long zz = in.uvarint();
          lastTimestamp += (zz >>> 1) ^ -(zz & 1);
          visitor.sample(id, lastTimestamp, Double.longBitsToDouble(in.fixed64()));
        }
        case EXEMPLAR -> {
          long id = in.uvarint();
          Labels labels = in.labels();
          long ts = in.fixed64();
          visitor.exemplar(id, new Exemplar(labels, ts, Double.longBitsToDouble(in.fixed64())));
        }
        case METADATA -> {
          Labels labels = in.labels();
          visitor.metadata(labels, new Metadata(in.string(), in.string(), in.string()));
        }
        default -> throw new IOException("unknown WAL entry kind " + kind);
      }
    }
  }

  private static void readVersion1(byte[] payload, Visitor visitor) throws IOException {
    for (WalEntryCodec.Entry e : WalEntryCodec.decode(payload)) {
      switch (e) {
        case WalEntryCodec.SampleEntry s ->
            visitor.legacySample(s.labels(), s.timestampMs(), s.value());
        case WalEntryCodec.ExemplarEntry x -> visitor.legacyExemplar(x.labels(), x.exemplar());
        case WalEntryCodec.MetadataEntry m -> visitor.metadata(m.labels(), m.metadata());
      }
    }
  }

  private static final class Reader {
    private final byte[] b;
    private int pos = 1;

    Reader(byte[] b) {
      this.b = b;
    }

    long uvarint() throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= b.length) {
          throw new IOException("truncated varint");
        }
        byte x = b[pos++];
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new IOException("varint too long");
    }

    long fixed64() throws IOException {
      if (pos + 8 > b.length) {
        throw new IOException("truncated fixed64");
      }
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (long) (b[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    String string() throws IOException {
      long len = uvarint();
      if (len < 0 || len > b.length - pos) {
        throw new IOException("bad string length " + len);
      }
      String s = new String(b, pos, (int) len, UTF_8);
      pos += (int) len;
      return s;
    }

    Labels labels() throws IOException {
      long n = uvarint();
      if (n < 0 || n > b.length - pos) {
        throw new IOException("bad label count " + n);
      }
      String[] nv = new String[2 * (int) n];
      for (int i = 0; i < nv.length; i++) {
        nv[i] = string();
      }
      return Labels.of(nv);
    }
  }
}
