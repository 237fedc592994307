package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Allocation-light text helpers shared by the collectors: Go's {@code strings.Fields}, unsigned
 * 64-bit parsing that converts the way Go's {@code float64(uint64)} does. Files are read with
 * {@link HostFiles}.
 */
final class ProcText {
  private ProcText() {}

  private static final String[] NO_FIELDS = new String[0];

  /** The lines of {@code text}, without their terminators; a trailing newline adds no line. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    while (start < n) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      lines.add(text.substring(start, end));
      start = end + 1;
    }
    return lines;
  }

  /** Go's {@code strings.Fields} for ASCII whitespace: the words of {@code s}. */
  static String[] fields(String s) {
    int n = s.length();
    int count = 0;
    boolean in = false;
    for (int i = 0; i < n; i++) {
      boolean space = isSpace(s.charAt(i));
      if (!space && !in) {
        count++;
      }
      in = !space;
    }
    if (count == 0) {
      return NO_FIELDS;
    }
    String[] out = new String[count];
    int k = 0;
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out[k++] = s.substring(start, i);
      }
    }
    return out;
  }

  /** A file holding one unsigned decimal, as node_exporter's {@code readUintFromFile}. */
  static double readUint(Path file) throws IOException {
    String s = HostFiles.readTrimmed(file);
    try {
      return u64(s);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": not an unsigned integer: " + s, e);
    }
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
  }

  /** An unsigned 64-bit decimal as Go's {@code float64(strconv.ParseUint(s, 10, 64))}. */
  static double u64(String s) {
    return unsignedToDouble(Long.parseUnsignedLong(s));
  }

  /** An unsigned 64-bit hexadecimal number (no {@code 0x}) as a double. */
  static double hexU64(String s) {
    return unsignedToDouble(Long.parseUnsignedLong(s, 16));
  }

  /** Round-to-nearest conversion of an unsigned 64-bit value, as Go's conversion does. */
  static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    // halve keeping the lowest bit sticky so the final rounding is still to nearest even
    return ((double) ((v >>> 1) | (v & 1))) * 2.0;
  }

  /** A float as Go's {@code strconv.ParseFloat(s, 64)} accepts the kernel's numbers. */
  static double f64(String s) {
    return Double.parseDouble(s);
  }
}
