package dev.jalloy.component.common.proto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable protobuf output buffer that is kept and reused. Nested messages are written in place:
 * {@link #begin} reserves one byte for the length and {@link #end} patches it, moving the body
 * along in the rare case the length needs more than one byte. That keeps encoding to one pass with
 * no per-message sizing walk and no intermediate buffers, and still produces the canonical
 * (shortest) varint lengths a byte-level comparison with Go's output expects.
 */
public final class ProtoWriter {
  /** Wire type of varint fields. */
  public static final int VARINT = 0;

  /** Wire type of 64-bit fixed fields (double). */
  public static final int FIXED64 = 1;

  /** Wire type of length-delimited fields (strings, bytes, messages). */
  public static final int LEN = 2;

  /** Strings up to this many chars are encoded in place, longer ones in bulk by the JDK. */
  private static final int SHORT_STRING = 24;

  private byte[] buf;
  private int pos;

  /** A writer whose buffer starts at {@code initialCapacity} bytes and grows as needed. */
  public ProtoWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Empties the buffer, keeping its capacity. */
  public void reset() {
    pos = 0;
  }

  /** Bytes written since the last reset. */
  public int size() {
    return pos;
  }

  /** The backing array; valid up to {@link #size()}. */
  public byte[] buffer() {
    return buf;
  }

  /** The backing array's length. */
  public int capacity() {
    return buf.length;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) pos + more);
      if (want > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("write request larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  /** Appends bytes that are already protobuf (pre-encoded fields). */
  public void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  /** A field's tag: its number and wire type. */
  public void tag(int field, int wireType) {
    rawVarint32((field << 3) | wireType);
  }

  /** A varint without a tag. */
  public void rawVarint32(int v) {
    ensure(5);
    while ((v & ~0x7f) != 0) {
      buf[pos++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** A 64-bit varint without a tag. */
  public void rawVarint64(long v) {
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[pos++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** An int64 / enum field; zero is omitted, as proto3 (and Go's generated code) does. */
  public void int64Field(int field, long v) {
    if (v != 0) {
      tag(field, VARINT);
      rawVarint64(v);
    }
  }

  /**
   * A double field; zero is omitted, as Go's {@code if m.Value != 0} does (so -0.0 is omitted too,
   * and NaN, which is never equal to zero, is always written).
   */
  public void doubleField(int field, double v) {
    if (v != 0) {
      tag(field, FIXED64);
      ensure(8);
      long bits = Double.doubleToRawLongBits(v);
      for (int i = 0; i < 8; i++) {
        buf[pos++] = (byte) (bits >>> (8 * i));
      }
    }
  }

  /** A string field in UTF-8; the empty string is omitted. */
  public void stringField(int field, String s) {
    if (s.isEmpty()) {
      return;
    }
    tag(field, LEN);
    int mark = begin();
    utf8(s);
    end(mark);
  }

  /**
   * A bytes field (or a string field already in UTF-8) from {@code b[off, off + len)}; empty is
   * omitted, as for {@link #stringField}.
   */
  public void bytesField(int field, byte[] b, int off, int len) {
    if (len == 0) {
      return;
    }
    tag(field, LEN);
    rawVarint32(len);
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  /** Starts a length-delimited body after its tag; returns the mark for {@link #end}. */
  public int begin() {
    ensure(1);
    pos++;
    return pos;
  }

  /** Writes the length of the body started at {@code mark} in front of it. */
  public void end(int mark) {
    int len = pos - mark;
    int lenSize = varintSize(len);
    if (lenSize > 1) {
      ensure(lenSize - 1);
      System.arraycopy(buf, mark, buf, mark + lenSize - 1, len);
      pos += lenSize - 1;
    }
    int p = mark - 1;
    int v = len;
    while ((v & ~0x7f) != 0) {
      buf[p++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[p] = (byte) v;
  }

  /** How many bytes {@code v} takes as a varint. */
  public static int varintSize(int v) {
    return v < 0 ? 10 : (31 - Integer.numberOfLeadingZeros(v | 1)) / 7 + 1;
  }

  /** How many bytes {@code v} takes as a 64-bit varint. */
  public static int varint64Size(long v) {
    return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
  }

  /**
   * UTF-8 as {@link String#getBytes} with UTF-8 would produce (an unpaired surrogate becomes '?').
   * Short strings (most label names and values) are copied char by char without an intermediate
   * array; longer ones go through the JDK's encoder, whose bulk copy of a Latin-1 string without
   * bytes {@code >= 0x80} beats any loop over {@code charAt}.
   */
  private void utf8(String s) {
    int n = s.length();
    if (n > SHORT_STRING) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
      return;
    }
    ensure(n);
    int i = 0;
    // ASCII fast path: most label names and values.
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      buf[pos++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        ensure(1);
        buf[pos++] = (byte) c;
      } else if (c < 0x800) {
        ensure(2);
        buf[pos++] = (byte) (0xc0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        int cp = -1;
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          cp = Character.toCodePoint(c, s.charAt(++i));
        }
        if (cp < 0) {
          ensure(1);
          buf[pos++] = (byte) '?';
        } else {
          ensure(4);
          buf[pos++] = (byte) (0xf0 | (cp >> 18));
          buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          buf[pos++] = (byte) (0x80 | (cp & 0x3f));
        }
      } else {
        ensure(3);
        buf[pos++] = (byte) (0xe0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
  }
}
