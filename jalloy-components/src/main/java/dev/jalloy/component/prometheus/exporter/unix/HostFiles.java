package dev.jalloy.component.prometheus.exporter.unix;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The one way the exporter reads a kernel file of {@code /proc} and {@code /sys}. Kernel files are
 * read whole: they are small, and a partial read of a file the kernel regenerates per open would
 * mix two generations.
 */
public final class HostFiles {
  private HostFiles() {}

  /**
   * Reusable read buffers. A scrape reads several hundred files of at most a few pages, and a new
   * buffer per file ({@code Files.readAllBytes}) dominated the collectors' allocation. Not a
   * ThreadLocal: every collector runs on a fresh virtual thread, which would allocate its own each
   * scrape. The pool holds at most as many buffers as collectors ever read at once.
   */
  private static final ArrayBlockingQueue<ByteBuffer> BUFFERS = new ArrayBlockingQueue<>(64);

  private static final int BUFFER_SIZE = 16 * 1024;

  /** Larger buffers (a big mountinfo or interrupts) go back to the pool up to this size. */
  private static final int KEPT_SIZE = 256 * 1024;

  /** The file's content without surrounding whitespace (sysfs values end in a newline). */
  public static String readTrimmed(Path file) throws IOException {
    ByteBuffer buffer = read(file);
    try {
      byte[] bytes = buffer.array();
      int start = 0;
      int end = buffer.position();
      while (start < end && isAsciiSpace(bytes[start])) {
        start++;
      }
      while (end > start && isAsciiSpace(bytes[end - 1])) {
        end--;
      }
      // strip() after the byte trim keeps String.strip's result for non-ASCII whitespace too
      return new String(bytes, start, end - start, UTF_8).strip();
    } finally {
      release(buffer);
    }
  }

  /**
   * The whole file, asking for a whole buffer in the first read. Not {@code Files.readAllBytes}: it
   * trusts the size of 0 procfs reports and reads one byte first, and sysctl files such as {@code
   * /proc/sys/fs/file-nr} answer a read at a non-zero offset with end-of-file.
   */
  public static String readWhole(Path file) throws IOException {
    ByteBuffer buffer = read(file);
    try {
      return new String(buffer.array(), 0, buffer.position(), UTF_8);
    } finally {
      release(buffer);
    }
  }

  /** The file's bytes in {@code [0, position)} of a pooled buffer the caller releases. */
  private static ByteBuffer read(Path file) throws IOException {
    ByteBuffer buffer = BUFFERS.poll();
    if (buffer == null) {
      buffer = ByteBuffer.allocate(BUFFER_SIZE);
    }
    buffer.clear();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (channel.read(buffer) >= 0) {
        if (!buffer.hasRemaining()) {
          ByteBuffer larger = ByteBuffer.allocate(buffer.capacity() * 2);
          larger.put(buffer.flip());
          buffer = larger;
        }
      }
    } catch (IOException e) {
      release(buffer);
      throw e;
    }
    return buffer;
  }

  private static void release(ByteBuffer buffer) {
    if (buffer.capacity() <= KEPT_SIZE) {
      BUFFERS.offer(buffer);
    }
  }

  private static boolean isAsciiSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == 0x0b || b == 0x0c;
  }

  /** The file's content as a whole number, e.g. {@code /proc/sys/fs/file-max}. */
  public static long readLong(Path file) throws IOException {
    String text = readTrimmed(file);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": not an integer: " + text, e);
    }
  }

  /** The file's lines. */
  public static List<String> readLines(Path file) throws IOException {
    return readWhole(file).lines().toList();
  }

  /**
   * The trimmed content, or empty when the file does not exist or cannot be read (sysfs attributes
   * that some drivers do not implement answer {@code EINVAL} on read).
   */
  public static Optional<String> readOptional(Path file) {
    try {
      return Optional.of(readTrimmed(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
