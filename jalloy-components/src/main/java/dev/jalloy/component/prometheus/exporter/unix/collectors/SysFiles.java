package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Readers for sysfs attribute files with the error rules of prometheus/procfs: a missing file, a
 * file the process may not read, and an attribute the driver does not implement ({@code EINVAL},
 * {@code EOPNOTSUPP} on read) count as absent; anything else is an error.
 */
final class SysFiles {
  private SysFiles() {}

  /** The trimmed content, or null when the attribute is absent in procfs's sense. */
  static String readOrNull(Path file) throws IOException {
    try {
      return HostFiles.readTrimmed(file);
    } catch (IOException e) {
      if (isAbsent(e)) {
        return null;
      }
      throw e;
    }
  }

  /** The trimmed content, or null on any read error (procfs's {@code ReadFileNoStat} users). */
  static String readQuietly(Path file) {
    try {
      return HostFiles.readTrimmed(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** True for the errors procfs treats as "the attribute is not there". */
  static boolean isAbsent(IOException e) {
    if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
      return true;
    }
    String message = e.getMessage();
    return message != null
        && (message.endsWith("Invalid argument")
            || message.endsWith("Operation not supported")
            || message.endsWith("Not supported"));
  }

  /**
   * Names in a directory, sorted as Go's {@code ioutil.ReadDir} returns them. A missing directory
   * throws {@link NoSuchFileException}.
   */
  static List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    Collections.sort(names);
    return names;
  }

  /** Names in a directory that are not regular files (devices are symlinks or directories). */
  static List<String> listNonRegular(Path dir) throws IOException {
    List<String> names = list(dir);
    names.removeIf(n -> Files.isRegularFile(dir.resolve(n), LinkOption.NOFOLLOW_LINKS));
    return names;
  }

  /** Names in a directory that are directories, following symlinks. */
  static List<String> listDirectories(Path dir) throws IOException {
    List<String> names = list(dir);
    names.removeIf(n -> !Files.isDirectory(dir.resolve(n)));
    return names;
  }

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)}: decimal, {@code 0x} hex, {@code 0o}/leading-zero
   * octal, {@code 0b} binary; null when the text is not such a number.
   */
  static Long parseInt(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    int radix = 10;
    if (s.length() - i > 1 && s.charAt(i) == '0') {
      char p = Character.toLowerCase(s.charAt(i + 1));
      if (p == 'x') {
        radix = 16;
        i += 2;
      } else if (p == 'o') {
        radix = 8;
        i += 2;
      } else if (p == 'b') {
        radix = 2;
        i += 2;
      } else {
        radix = 8;
        i += 1;
      }
    }
    if (i >= s.length()) {
      return null;
    }
    try {
      long v = Long.parseLong(s, i, s.length(), radix);
      if (s.charAt(i) == '-' || s.charAt(i) == '+') {
        return null;
      }
      return negative ? -v : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Go's {@code strconv.ParseUint(s, 10, 64)} as a double; null when not such a number. */
  static Double parseUnsigned(String s) {
    if (s == null || s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
      return null;
    }
    try {
      return (double) Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Go's {@code strconv.ParseFloat(s, 64)} for the plain forms sysfs writes; null when invalid. */
  static Double parseFloat(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return null;
      }
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
