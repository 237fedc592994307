package dev.jalloy.component.common.proto;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads protobuf fields from a byte range, the counterpart of {@link ProtoWriter}. Every overrun is
 * reported as the caller's own exception ({@code malformed} builds it from a message), so each wire
 * format keeps the error its receivers answer with.
 *
 * @param <E> the exception a malformed message is reported as
 */
public final class ProtoReader<E extends Exception> {
  private final byte[] buf;
  private int pos;
  private final int limit;
  private final Function<String, E> malformed;

  /** A reader over {@code buf[offset, limit)}. */
  public ProtoReader(byte[] buf, int offset, int limit, Function<String, E> malformed) {
    this.buf = buf;
    this.pos = offset;
    this.limit = limit;
    this.malformed = malformed;
  }

  /** Whether fields remain. */
  public boolean hasMore() {
    return pos < limit;
  }

  /** A varint (also a field's tag). */
  public long varint() throws E {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw malformed.apply("truncated varint");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw malformed.apply("varint longer than 10 bytes");
  }

  /** A little-endian fixed64 as a double. */
  public double fixed64Double() throws E {
    if (limit - pos < 8) {
      throw malformed.apply("truncated fixed64");
    }
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (buf[pos++] & 0xffL) << (8 * i);
    }
    return Double.longBitsToDouble(bits);
  }

  /** Reads a length prefix and returns a reader over that many bytes, skipping them here. */
  public ProtoReader<E> message() throws E {
    int len = length();
    ProtoReader<E> sub = new ProtoReader<>(buf, pos, pos + len, malformed);
    pos += len;
    return sub;
  }

  /** A length-prefixed UTF-8 string. */
  public String string() throws E {
    int len = length();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  private int length() throws E {
    long len = varint();
    if (len < 0 || len > limit - pos) {
      throw malformed.apply("length " + len + " overruns the message");
    }
    return (int) len;
  }

  /** Skips a field of this wire type whose tag was just read. */
  public void skip(int wireType) throws E {
    switch (wireType) {
      case 0 -> varint();
      case 1 -> advance(8);
      case 2 -> advance(length());
      case 5 -> advance(4);
      default -> throw malformed.apply("unsupported wire type " + wireType);
    }
  }

  private void advance(int n) throws E {
    if (limit - pos < n) {
      throw malformed.apply("truncated field");
    }
    pos += n;
  }
}
