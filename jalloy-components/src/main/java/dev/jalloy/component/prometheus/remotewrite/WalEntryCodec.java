package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of one WAL record: everything one appender committed. A compact, self-contained
 * format (no series table across records, so any record can be read on its own after truncation):
 *
 * <pre>
 * record  = version:u8(1) count:i32 entry*
 * entry   = kind:u8 labels ( sample | exemplar | metadata )
 * labels  = n:i32 (name:str value:str)*          str = len:i32 utf8
 * sample  = ts:i64 value:f64 (raw bits)           kind 1
 * exemplar= labels ts:i64 value:f64               kind 2
 * metadata= type:str help:str unit:str            kind 3
 * </pre>
 */
final class WalEntryCodec {
  static final int VERSION = 1;
  private static final int SAMPLE = 1;
  private static final int EXEMPLAR = 2;
  private static final int METADATA = 3;

  private WalEntryCodec() {}

  /** One thing appended: a sample, an exemplar or a metadata update of a series. */
  sealed interface Entry {
    Labels labels();
  }

  record SampleEntry(Labels labels, long timestampMs, double value) implements Entry {}

  record ExemplarEntry(Labels labels, Exemplar exemplar) implements Entry {}

  record MetadataEntry(Labels labels, Metadata metadata) implements Entry {}

  static byte[] encode(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(entries.size());
      for (Entry e : entries) {
        switch (e) {
          case SampleEntry s -> {
            out.writeByte(SAMPLE);
            writeLabels(out, s.labels());
            out.writeLong(s.timestampMs());
            out.writeLong(Double.doubleToRawLongBits(s.value()));
          }
          case ExemplarEntry x -> {
            out.writeByte(EXEMPLAR);
            writeLabels(out, x.labels());
            writeLabels(out, x.exemplar().labels());
            out.writeLong(x.exemplar().timestampMs());
            out.writeLong(Double.doubleToRawLongBits(x.exemplar().value()));
          }
          case MetadataEntry m -> {
            out.writeByte(METADATA);
            writeLabels(out, m.labels());
            writeString(out, m.metadata().type());
            writeString(out, m.metadata().help());
            writeString(out, m.metadata().unit());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * The entries of a record.
   *
   * @throws IOException when the payload is not a record of this format (the WAL's CRC makes that a
   *     bug or a version mismatch, never a torn write)
   */
  static List<Entry> decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("unknown WAL record version " + version);
    }
    int count = in.readInt();
    if (count < 0 || count > payload.length) {
      throw new IOException("bad entry count " + count);
    }
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int kind = in.readUnsignedByte();
      Labels labels = readLabels(in, payload.length);
      entries.add(
          switch (kind) {
            case SAMPLE ->
                new SampleEntry(labels, in.readLong(), Double.longBitsToDouble(in.readLong()));
            case EXEMPLAR -> {
              Labels xl = readLabels(in, payload.length);
              yield new ExemplarEntry(
                  labels, new Exemplar(xl, in.readLong(), Double.longBitsToDouble(in.readLong())));
            }
            case METADATA ->
                new MetadataEntry(
                    labels,
                    new Metadata(
                        readString(in, payload.length),
                        readString(in, payload.length),
                        readString(in, payload.length)));
            default -> throw new IOException("unknown WAL entry kind " + kind);
          });
    }
    return entries;
  }

  private static void writeLabels(DataOutputStream out, Labels labels) throws IOException {
    out.writeInt(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      writeString(out, labels.name(i));
      writeString(out, labels.value(i));
    }
  }

  private static Labels readLabels(DataInputStream in, int limit) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > limit) {
      throw new IOException("bad label count " + n);
    }
    String[] nv = new String[2 * n];
    for (int i = 0; i < nv.length; i++) {
      nv[i] = readString(in, limit);
    }
    return Labels.of(nv);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in, int limit) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > limit) {
      throw new EOFException("bad string length " + len);
    }
    return new String(in.readNBytes(len), StandardCharsets.UTF_8);
  }
}
