package dev.jalloy.component.loki.write.wire;

import dev.jalloy.component.common.proto.ProtoWriter;
import dev.jalloy.model.Labels;
import io.airlift.compress.snappy.SnappyCompressor;
import java.util.Arrays;

/**
 * Encodes a {@code logproto.PushRequest} field by field in the order Loki's {@code push} package
 * writes it (fields ascending; empty strings and zero numbers omitted; the timestamp message always
 * present, as gogoproto's non-nullable {@code stdtime} does; the unused stream {@code hash} never
 * written), then snappy block-compresses it. Streams are appended one at a time so a batch never
 * builds an intermediate object graph.
 *
 * <p>Not thread-safe; one per sender, reused across requests.
 */
public final class PushRequestEncoder {
  private final ProtoWriter out = new ProtoWriter(64 * 1024);
  private final SnappyCompressor compressor = new SnappyCompressor();
  private byte[] compressed = new byte[0];
  private int streamMark = -1;

  /** Starts a new request. */
  public void reset() {
    out.reset();
    streamMark = -1;
  }

  /** Starts a stream (field 1 of PushRequest) with its rendered label string. */
  public void beginStream(String labels) {
    endStream();
    out.tag(1, ProtoWriter.LEN);
    streamMark = out.begin();
    out.stringField(1, labels);
  }

  /** Appends an entry (field 2 of StreamAdapter) to the current stream. */
  public void entry(long timestampNanos, String line, Labels structuredMetadata) {
    if (streamMark < 0) {
      throw new IllegalStateException("entry outside a stream");
    }
    out.tag(2, ProtoWriter.LEN);
    int entry = out.begin();
    timestamp(
        Math.floorDiv(timestampNanos, 1_000_000_000L),
        Math.floorMod(timestampNanos, 1_000_000_000L));
    out.stringField(2, line);
    metadata(structuredMetadata);
    out.end(entry);
  }

  /**
   * Appends an entry whose line is UTF-8 already, {@code line[off, off + len)}: copied into the
   * body as it is. Without structured metadata the entry's length is known before it is written, so
   * the line is copied once and never moved to make room for a longer length prefix.
   */
  public void entry(long timestampNanos, byte[] line, int off, int len, Labels structuredMetadata) {
    if (streamMark < 0) {
      throw new IllegalStateException("entry outside a stream");
    }
    long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
    long nanos = Math.floorMod(timestampNanos, 1_000_000_000L);
    if (!structuredMetadata.isEmpty()) {
      out.tag(2, ProtoWriter.LEN);
      int entry = out.begin();
      timestamp(seconds, nanos);
      out.bytesField(2, line, off, len);
      metadata(structuredMetadata);
      out.end(entry);
      return;
    }
    int ts = fieldSize(seconds) + fieldSize(nanos);
    int body = 1 + ProtoWriter.varintSize(ts) + ts;
    if (len > 0) {
      body += 1 + ProtoWriter.varintSize(len) + len;
    }
    out.tag(2, ProtoWriter.LEN);
    out.rawVarint32(body);
    out.tag(1, ProtoWriter.LEN);
    out.rawVarint32(ts);
    out.int64Field(1, seconds);
    out.int64Field(2, nanos);
    out.bytesField(2, line, off, len);
  }

  /** The bytes of an int64 field with a one-byte tag; zero is omitted. */
  private static int fieldSize(long v) {
    return v == 0 ? 0 : 1 + ProtoWriter.varint64Size(v);
  }

  private void timestamp(long seconds, long nanos) {
    out.tag(1, ProtoWriter.LEN);
    int ts = out.begin();
    out.int64Field(1, seconds);
    out.int64Field(2, nanos);
    out.end(ts);
  }

  private void metadata(Labels structuredMetadata) {
    for (int i = 0; i < structuredMetadata.size(); i++) {
      out.tag(3, ProtoWriter.LEN);
      int pair = out.begin();
      out.stringField(1, structuredMetadata.name(i));
      out.stringField(2, structuredMetadata.value(i));
      out.end(pair);
    }
  }

  private void endStream() {
    if (streamMark >= 0) {
      out.end(streamMark);
      streamMark = -1;
    }
  }

  /** The uncompressed protobuf of the request so far, copied; for tests and debugging. */
  public byte[] protobuf() {
    endStream();
    return Arrays.copyOf(out.buffer(), out.size());
  }

  /**
   * Finishes the request and compresses it.
   *
   * @return the snappy block, valid until the next {@link #finish}
   */
  public Body finish() {
    endStream();
    int max = compressor.maxCompressedLength(out.size());
    if (compressed.length < max) {
      compressed = new byte[Math.max(max, compressed.length * 2)];
    }
    int len = compressor.compress(out.buffer(), 0, out.size(), compressed, 0, compressed.length);
    return new Body(compressed, len, out.size());
  }

  /**
   * A compressed request.
   *
   * @param buffer holds the body in {@code [0, length)}
   * @param length compressed bytes
   * @param uncompressedLength protobuf bytes before compression
   */
  public record Body(byte[] buffer, int length, int uncompressedLength) {}
}
