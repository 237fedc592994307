package dev.jalloy.component.loki.source.file;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Cuts a byte stream into lines the way Alloy's tailer does: on {@code \n} (as the charset encodes
 * it: one byte in UTF-8, a two-byte unit in UTF-16), without the terminator and without a trailing
 * {@code \r}; an unterminated last line is held until its terminator arrives. Byte offsets are
 * tracked so that the caller can store the offset just after each complete line.
 *
 * <p>Memory is bounded: a line longer than {@code maxLineBytes} is cut to that length and the rest
 * up to its terminator is skipped (the line is reported as truncated), instead of holding a 50 MB
 * line in memory. Bytes that are invalid in the charset become U+FFFD.
 */
final class LineSplitter {
  /** Receives complete lines. */
  interface Sink {
    /**
     * One line.
     *
     * @param text the decoded line, terminator removed
     * @param nextOffset the file offset just after its terminator
     * @param truncated whether the line was longer than the cap and cut
     */
    void line(String text, long nextOffset, boolean truncated);
  }

  private final Charset charset;
  private final int unit;
  private final byte[] newline;
  private final int maxLineBytes;
  private byte[] held = new byte[128];
  private int heldLen;
  private boolean truncating;
  private final byte[] carry;
  private int carryLen;
  private long offset;

  /**
   * A splitter.
   *
   * @param charset how the bytes are encoded
   * @param maxLineBytes the longest line kept whole, in bytes
   * @param startOffset the file offset of the first byte to be fed
   */
  LineSplitter(Charset charset, int maxLineBytes, long startOffset) {
    this.charset = charset;
    this.newline = newlineOf(charset);
    this.unit = newline.length;
    this.maxLineBytes = Math.max(maxLineBytes, unit);
    this.carry = new byte[unit];
    this.offset = startOffset;
  }

  /** The encoded form of {@code \n}; its length is the charset's code unit. */
  static byte[] newlineOf(Charset charset) {
    byte[] nl = "\n".getBytes(charset);
    if (nl.length > 1 && (nl[0] & 0xff) >= 0xfe) {
      // "UTF-16"/"UTF-32" put a BOM first; the unit is what follows it
      int bom = charset.name().contains("32") ? 4 : 2;
      nl = Arrays.copyOfRange(nl, bom, nl.length);
    }
    return nl;
  }

  /** The file offset of the next byte to be fed. */
  long offset() {
    return offset;
  }

  /** Whether part of a line is held, waiting for its terminator. */
  boolean holding() {
    return heldLen > 0 || truncating || carryLen > 0;
  }

  /** Feeds bytes, calling {@code sink} for every line they complete. */
  void feed(byte[] b, int off, int len, Sink sink) {
    if (unit > 1 && (carryLen > 0 || len % unit != 0)) {
      byte[] joined = new byte[carryLen + len];
      System.arraycopy(carry, 0, joined, 0, carryLen);
      System.arraycopy(b, off, joined, carryLen, len);
      long start = offset - carryLen;
      int whole = joined.length - joined.length % unit;
      carryLen = joined.length - whole;
      System.arraycopy(joined, whole, carry, 0, carryLen);
      offset = start;
      scan(joined, 0, whole, sink);
      offset += carryLen;
      return;
    }
    scan(b, off, len, sink);
  }

  private void scan(byte[] b, int off, int len, Sink sink) {
    int end = off + len;
    int lineStart = off;
    long base = offset - off; // file offset of b[0]
    for (int i = nextNewline(b, off, end); i >= 0; i = nextNewline(b, i + unit, end)) {
      long next = base + i + unit;
      if (heldLen == 0 && !truncating) {
        int n = i - lineStart;
        boolean cut = n > maxLineBytes;
        sink.line(decode(b, lineStart, cut ? cutLength(maxLineBytes) : n), next, cut);
      } else {
        hold(b, lineStart, i - lineStart);
        sink.line(decode(held, 0, heldLen), next, truncating);
        heldLen = 0;
        truncating = false;
        if (held.length > 64 * 1024) {
          held = new byte[128]; // do not keep a long line's buffer for the rest of the file
        }
      }
      lineStart = i + unit;
    }
    hold(b, lineStart, end - lineStart);
    offset = base + end;
  }

  /** Where the next newline in {@code b[from, end)} starts, at a code unit boundary; -1 if none. */
  private int nextNewline(byte[] b, int from, int end) {
    if (unit == 1) {
      return indexOfNewlineByte(b, from, end);
    }
    for (int i = from; i + unit <= end; i += unit) {
      if (isNewline(b, i)) {
        return i;
      }
    }
    return -1;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The first {@code '\n'} byte in {@code b[from, end)}, -1 if none: eight bytes per step (a
   * byte-wise compare was the tailer's largest cost). In {@code y = word ^ NEWLINES} a newline is a
   * zero byte, and {@code (y - ONES) & ~y & HIGHS} marks it; bytes above the lowest zero may be
   * marked falsely through the borrow, never below it, so the lowest mark is the first newline.
   */
  static int indexOfNewlineByte(byte[] b, int from, int end) {
    int i = from;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      long y = (long) LONGS.get(b, i) ^ NEWLINES;
      long marks = (y - ONES) & ~y & HIGHS;
      if (marks != 0) {
        return i + (Long.numberOfTrailingZeros(marks) >>> 3);
      }
    }
    for (; i < end; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean isNewline(byte[] b, int i) {
    for (int k = 0; k < unit; k++) {
      if (b[i + k] != newline[k]) {
        return false;
      }
    }
    return true;
  }

  /** Keeps bytes of an unterminated line, up to the cap; past it the line is marked truncated. */
  private void hold(byte[] b, int from, int n) {
    if (n <= 0) {
      return;
    }
    int room = cutLength(maxLineBytes) - heldLen;
    int keep = Math.min(n, Math.max(room, 0));
    if (keep < n) {
      truncating = true;
    }
    if (keep > 0) {
      if (heldLen + keep > held.length) {
        held = Arrays.copyOf(held, Math.max(heldLen + keep, held.length * 2));
      }
      System.arraycopy(b, from, held, heldLen, keep);
      heldLen += keep;
    }
  }

  private int cutLength(int n) {
    return n - n % unit; // never split a UTF-16 code unit
  }

  /**
   * Emits the held partial line as a line of its own: for a file that will never be completed
   * (rotated away, decompressed to its end). Returns whether there was one.
   */
  boolean flush(Sink sink) {
    if (heldLen == 0 && !truncating) {
      carryLen = 0;
      return false;
    }
    sink.line(decode(held, 0, heldLen), offset, truncating);
    heldLen = 0;
    truncating = false;
    carryLen = 0;
    return true;
  }

  /** Drops anything held and restarts at {@code newOffset} (after a truncation). */
  void reset(long newOffset) {
    heldLen = 0;
    truncating = false;
    carryLen = 0;
    offset = newOffset;
  }

  private String decode(byte[] b, int off, int len) {
    String s = new String(b, off, len, charset);
    int n = s.length();
    return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s;
  }
}
