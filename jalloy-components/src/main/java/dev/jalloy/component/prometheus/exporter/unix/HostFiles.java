package dev.jalloy.component.prometheus.exporter.unix;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    return new String(Files.readAllBytes(file), UTF_8).strip();
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
    return Files.readAllLines(file, UTF_8);
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
