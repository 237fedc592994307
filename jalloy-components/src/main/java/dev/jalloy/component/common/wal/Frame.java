package dev.jalloy.component.common.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Record framing: {@code [int32 length][int32 CRC32C][payload]}, big-endian. The CRC covers the 4
 * length bytes and the payload, so a damaged length, a zero-filled tail and a flipped payload bit
 * are all detected.
 */
final class Frame {

  static final int HEADER = 8;

  private Frame() {}

  static int crc(int length, byte[] payload, int off, int len) {
    CRC32C c = new CRC32C();
    c.update((length >>> 24) & 0xff);
    c.update((length >>> 16) & 0xff);
    c.update((length >>> 8) & 0xff);
    c.update(length & 0xff);
    c.update(payload, off, len);
    return (int) c.getValue();
  }

  enum Status {
    RECORD,
    END,
    CORRUPT
  }

  /**
   * Buffered sequential reader over one segment file. It never buffers bytes at or beyond the
   * {@code limit} it is given, so bytes that were still being written when read are never used.
   */
  static final class SegmentReader implements AutoCloseable {
    final long segment;
    private final FileChannel ch;
    private ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
    private long bufStart;
    private int bufLen;

    /** Set by {@link #read} when it returns {@link Status#RECORD}. */
    byte[] payload;

    long nextOffset;

    SegmentReader(long segment, FileChannel ch) {
      this.segment = segment;
      this.ch = ch;
    }

    long size() throws IOException {
      return ch.size();
    }

    /** Reads the record at {@code off}, using only bytes before {@code limit}. */
    Status read(long off, long limit) throws IOException {
      if (off >= limit) {
        return Status.END;
      }
      if (limit - off < HEADER || !fill(off, HEADER, limit)) {
        return Status.CORRUPT;
      }
      int p = (int) (off - bufStart);
      int length = buf.getInt(p);
      int crc = buf.getInt(p + 4);
      if (length < 0 || length > limit - off - HEADER) {
        return Status.CORRUPT;
      }
      byte[] data = new byte[length];
      if (length > buf.capacity() / 2 && off + HEADER + length > bufStart + bufLen) {
        // A large record not buffered yet is read straight into its array: one copy fewer, and
        // the buffer keeps its size instead of growing to the largest record.
        ByteBuffer into = ByteBuffer.wrap(data);
        while (into.hasRemaining()) {
          if (ch.read(into, off + HEADER + into.position()) < 0) {
            return Status.CORRUPT;
          }
        }
      } else {
        if (!fill(off, HEADER + length, limit)) {
          return Status.CORRUPT;
        }
        p = (int) (off - bufStart);
        buf.get(p + HEADER, data);
      }
      if (crc(length, data, 0, length) != crc) {
        return Status.CORRUPT;
      }
      payload = data;
      nextOffset = off + HEADER + length;
      return Status.RECORD;
    }

    private boolean fill(long off, int n, long limit) throws IOException {
      if (off >= bufStart && off + n <= bufStart + bufLen) {
        return true;
      }
      if (n > buf.capacity()) {
        buf = ByteBuffer.allocate(Math.max(n, buf.capacity() * 2));
      }
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), limit - off));
      bufStart = off;
      bufLen = 0;
      while (buf.hasRemaining()) {
        int r = ch.read(buf, off + buf.position());
        if (r < 0) {
          break;
        }
      }
      bufLen = buf.position();
      return bufLen >= n;
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
