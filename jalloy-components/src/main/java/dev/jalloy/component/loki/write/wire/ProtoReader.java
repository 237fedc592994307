package dev.jalloy.component.loki.write.wire;

import java.nio.charset.StandardCharsets;

/**
 * A copy of {@code prometheus.remotewrite.wire.ProtoReader}. Reads protobuf fields from a byte
 * range; every overrun is a {@link MalformedPushException}.
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

  long varint() throws MalformedPushException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw new MalformedPushException("truncated varint");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new MalformedPushException("varint longer than 10 bytes");
  }

  double fixed64Double() throws MalformedPushException {
    if (limit - pos < 8) {
      throw new MalformedPushException("truncated fixed64");
    }
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (buf[pos++] & 0xffL) << (8 * i);
    }
    return Double.longBitsToDouble(bits);
  }

  /** Reads a length prefix and returns a reader over that many bytes, skipping them here. */
  ProtoReader message() throws MalformedPushException {
    int len = length();
    ProtoReader sub = new ProtoReader(buf, pos, pos + len);
    pos += len;
    return sub;
  }

  String string() throws MalformedPushException {
    int len = length();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  private int length() throws MalformedPushException {
    long len = varint();
    if (len < 0 || len > limit - pos) {
      throw new MalformedPushException("length " + len + " overruns the message");
    }
    return (int) len;
  }

  void skip(int wireType) throws MalformedPushException {
    switch (wireType) {
      case 0 -> varint();
      case 1 -> advance(8);
      case 2 -> advance(length());
      case 5 -> advance(4);
      default -> throw new MalformedPushException("unsupported wire type " + wireType);
    }
  }

  private void advance(int n) throws MalformedPushException {
    if (limit - pos < n) {
      throw new MalformedPushException("truncated field");
    }
    pos += n;
  }
}
