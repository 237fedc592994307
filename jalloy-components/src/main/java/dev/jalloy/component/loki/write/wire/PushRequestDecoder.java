package dev.jalloy.component.loki.write.wire;

import dev.jalloy.component.common.proto.ProtoReader;
import dev.jalloy.model.Labels;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a snappy block-compressed {@code logproto.PushRequest}, the inverse of {@link
 * PushRequestEncoder}; unknown fields are skipped, as protobuf requires. Stream label strings are
 * returned as sent; {@link LabelSetString#parse} reads them.
 */
public final class PushRequestDecoder {
  private final int maxDecodedBytes;

  /** A decoder refusing bodies that decompress to more than {@code maxDecodedBytes}. */
  public PushRequestDecoder(int maxDecodedBytes) {
    this.maxDecodedBytes = maxDecodedBytes;
  }

  /** Snappy-decodes, then protobuf-decodes {@code body}. */
  public PushRequest decode(byte[] body) throws MalformedPushException {
    byte[] raw;
    try {
      if (body.length == 0) {
        throw new MalformedPushException("snappy: corrupt input (empty body)");
      }
      int size = SnappyDecompressor.getUncompressedLength(body, 0);
      if (size < 0 || size > maxDecodedBytes) {
        throw new MalformedPushException(
            "decoded size " + size + " exceeds the limit of " + maxDecodedBytes + " bytes");
      }
      raw = new byte[size];
      int n = new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, size);
      if (n != size) {
        throw new MalformedPushException("snappy: corrupt input (length mismatch)");
      }
    } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new MalformedPushException("snappy: corrupt input: " + e.getMessage(), e);
    }
    return decodeProtobuf(raw);
  }

  /** Decodes an uncompressed {@code PushRequest}. */
  public static PushRequest decodeProtobuf(byte[] raw) throws MalformedPushException {
    ProtoReader<MalformedPushException> in =
        new ProtoReader<>(raw, 0, raw.length, MalformedPushException::new);
    List<PushStream> streams = new ArrayList<>();
    while (in.hasMore()) {
      long tag = in.varint();
      if (tag == ((1 << 3) | 2)) {
        streams.add(stream(in.message()));
      } else {
        in.skip((int) (tag & 7));
      }
    }
    return new PushRequest(streams);
  }

  private static PushStream stream(ProtoReader<MalformedPushException> in)
      throws MalformedPushException {
    String labels = "";
    List<PushEntry> entries = new ArrayList<>();
    while (in.hasMore()) {
      long tag = in.varint();
      switch ((int) tag) {
        case (1 << 3) | 2 -> labels = in.string();
        case (2 << 3) | 2 -> entries.add(entry(in.message()));
        default -> in.skip((int) (tag & 7));
      }
    }
    return new PushStream(labels, entries);
  }

  private static PushEntry entry(ProtoReader<MalformedPushException> in)
      throws MalformedPushException {
    long seconds = 0;
    long nanos = 0;
    String line = "";
    Labels.Builder metadata = null;
    while (in.hasMore()) {
      long tag = in.varint();
      switch ((int) tag) {
        case (1 << 3) | 2 -> {
          ProtoReader<MalformedPushException> ts = in.message();
          while (ts.hasMore()) {
            long t = ts.varint();
            switch ((int) t) {
              case (1 << 3) -> seconds = ts.varint();
              case (2 << 3) -> nanos = (int) ts.varint();
              default -> ts.skip((int) (t & 7));
            }
          }
        }
        case (2 << 3) | 2 -> line = in.string();
        case (3 << 3) | 2 -> {
          ProtoReader<MalformedPushException> pair = in.message();
          String name = "";
          String value = "";
          while (pair.hasMore()) {
            long t = pair.varint();
            switch ((int) t) {
              case (1 << 3) | 2 -> name = pair.string();
              case (2 << 3) | 2 -> value = pair.string();
              default -> pair.skip((int) (t & 7));
            }
          }
          if (metadata == null) {
            metadata = Labels.builder();
          }
          metadata.set(name, value);
        }
        default -> in.skip((int) (tag & 7));
      }
    }
    if (nanos < 0 || nanos >= 1_000_000_000L) {
      throw new MalformedPushException("timestamp nanos out of range: " + nanos);
    }
    long ts;
    try {
      ts = Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    } catch (ArithmeticException e) {
      throw new MalformedPushException("timestamp out of range: " + seconds + "s");
    }
    return new PushEntry(ts, line, metadata == null ? Labels.EMPTY : metadata.build());
  }
}
