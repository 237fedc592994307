package dev.jalloy.component.loki.source.file;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Read buffers shared by every tailer of the process. A tailer needs its buffer only between a read
 * and the split into lines, so ten thousand mostly idle files share a few dozen 64 KiB buffers
 * instead of holding 640 MiB.
 */
final class ReadBuffers {
  static final int SIZE = 64 * 1024;
  private static final ArrayBlockingQueue<ByteBuffer> FREE = new ArrayBlockingQueue<>(64);

  private ReadBuffers() {}

  /** A cleared buffer, from the pool or new. */
  static ByteBuffer take() {
    ByteBuffer b = FREE.poll();
    return b == null ? ByteBuffer.allocate(SIZE) : b.clear();
  }

  /** Returns a buffer; past the pool's capacity it is left to the garbage collector. */
  static void give(ByteBuffer b) {
    FREE.offer(b);
  }
}
