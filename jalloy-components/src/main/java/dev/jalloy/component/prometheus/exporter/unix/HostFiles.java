package dev.jalloy.component.prometheus.exporter.unix;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Small readers for the one-value files of {@code /proc} and {@code /sys}. Kernel files are read
 * whole: they are small, and a partial read of a file the kernel regenerates per open would mix two
 * generations.
 */
public final class HostFiles {
  private HostFiles() {}

  /** The file's content without surrounding whitespace (sysfs values end in a newline). */
  public static String readTrimmed(Path file) throws IOException {
    return readWhole(file).strip();
  }

  /**
   * The whole file in one read where it fits. Not {@code Files.readAllBytes}: it trusts the size of
   * 0 procfs reports and reads one byte first, and sysctl files such as {@code
   * /proc/sys/fs/file-nr} answer a read at a non-zero offset with end-of-file.
   */
  public static String readWhole(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[4096];
      int n = 0;
      for (int r; (r = in.read(buf, n, buf.length - n)) > 0; ) {
        n += r;
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
      return new String(buf, 0, n, UTF_8);
    }
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
