package dev.jalloy.syntax.printer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array. The formatter works on UTF-8 bytes, as Alloy's printer does: columns and
 * offsets are byte counts, and the tabwriter's escape byte (0xff) can never occur in valid UTF-8.
 */
final class ByteBuf {
  private byte[] bytes;
  private int length;

  ByteBuf(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  int length() {
    return length;
  }

  byte get(int index) {
    return bytes[index];
  }

  /** The backing array; only the first {@link #length()} bytes are meaningful. */
  byte[] array() {
    return bytes;
  }

  void clear() {
    length = 0;
  }

  void add(byte b) {
    if (length == bytes.length) {
      grow(1);
    }
    bytes[length++] = b;
  }

  void add(byte b, int count) {
    ensure(count);
    Arrays.fill(bytes, length, length + count, b);
    length += count;
  }

  void add(byte[] src, int from, int to) {
    int n = to - from;
    ensure(n);
    System.arraycopy(src, from, bytes, length, n);
    length += n;
  }

  void add(byte[] src) {
    add(src, 0, src.length);
  }

  String toUtf8() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensure(int extra) {
    if (bytes.length - length < extra) {
      grow(extra);
    }
  }

  private void grow(int extra) {
    // Doubling keeps appends amortised O(1) for multi-megabyte configs.
    int needed = length + extra;
    bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
  }
}
