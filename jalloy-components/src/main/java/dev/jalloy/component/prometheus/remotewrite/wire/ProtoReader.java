package dev.jalloy.component.prometheus.remotewrite.wire;

import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf fields from a byte range; every overrun is a {@link MalformedRequestException}.
 */
final class ProtoReader {
  private final byte[] buf;
  private int pos;
  private final int limit;

  ProtoReader(byte[] buf, int offset, int limit) {
    this.buf = buf;
    this.pos = offset;
    this.limit = limit;
  }

  boolean hasMore() {
    return pos < limit;
  }

  long varint() throws MalformedRequestException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw new MalformedRequestException("truncated varint");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new MalformedRequestException("varint longer than 10 bytes");
  }

  double fixed64Double() throws MalformedRequestException {
    if (limit - pos < 8) {
      throw new MalformedRequestException("truncated fixed64");
    }
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (buf[pos++] & 0xffL) << (8 * i);
    }
    return Double.longBitsToDouble(bits);
  }

  /** Reads a length prefix and returns a reader over that many bytes, skipping them here. */
  ProtoReader message() throws MalformedRequestException {
    int len = length();
    ProtoReader sub = new ProtoReader(buf, pos, pos + len);
    pos += len;
    return sub;
  }

  String string() throws MalformedRequestException {
    int len = length();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  private int length() throws MalformedRequestException {
    long len = varint();
    if (len < 0 || len > limit - pos) {
      throw new MalformedRequestException("length " + len + " overruns the message");
    }
    return (int) len;
  }

  void skip(int wireType) throws MalformedRequestException {
    switch (wireType) {
      case 0 -> varint();
      case 1 -> advance(8);
      case 2 -> advance(length());
      case 5 -> advance(4);
      default -> throw new MalformedRequestException("unsupported wire type " + wireType);
    }
  }

  private void advance(int n) throws MalformedRequestException {
    if (limit - pos < n) {
      throw new MalformedRequestException("truncated field");
    }
    pos += n;
  }
}
