package dev.jalloy.component.loki.source.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Writes real journal files: the test describes entries, this turns them into journal export format
 * and has Debian's {@code systemd-journal-remote} write them (appending when the file exists).
 * Missing, it fails the test under {@code CI=true} and skips it loudly elsewhere.
 */
final class JournalFiles {
  static final String BOOT_ID = "0123456789abcdef0123456789abcdef";
  private static final long MONOTONIC_BASE = 1_600_000_000_000_000L;

  private JournalFiles() {}

  /**
   * One entry: its realtime timestamp and fields, text ({@code String}) or binary ({@code byte[]}).
   */
  record Entry(long realtimeUsec, Map<String, Object> fields) {
    static Entry of(long realtimeUsec, Object... namesAndValues) {
      Map<String, Object> f = new LinkedHashMap<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        f.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
      return new Entry(realtimeUsec, f);
    }
  }

  static Path journalRemote() {
    for (String p :
        List.of("/lib/systemd/systemd-journal-remote", "/usr/lib/systemd/systemd-journal-remote")) {
      if (Files.isExecutable(Path.of(p))) {
        return Path.of(p);
      }
    }
    String message =
        "systemd-journal-remote is missing: install the Debian package systemd-journal-remote"
            + " (./test.sh does)";
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    System.err.println("!!!!!!!! SKIPPING: " + message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** The entries in export format. */
  static byte[] export(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (Entry e : entries) {
        text(out, "__REALTIME_TIMESTAMP", Long.toString(e.realtimeUsec()));
        // one boot: monotonic time must grow with realtime, across files too
        text(out, "__MONOTONIC_TIMESTAMP", Long.toString(e.realtimeUsec() - MONOTONIC_BASE));
        text(out, "_BOOT_ID", BOOT_ID);
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
          byte[] v =
              f.getValue() instanceof byte[] b
                  ? b
                  : f.getValue().toString().getBytes(StandardCharsets.UTF_8);
          boolean binary = f.getValue() instanceof byte[];
          for (byte c : v) {
            binary |= c == '\n' || c == 0;
          }
          if (binary) {
            out.write((f.getKey() + "\n").getBytes(StandardCharsets.US_ASCII));
            long n = v.length;
            for (int i = 0; i < 8; i++) {
              out.write((int) (n >>> (8 * i)) & 0xff);
            }
            out.write(v);
            out.write('\n');
          } else {
            out.write((f.getKey() + "=").getBytes(StandardCharsets.US_ASCII));
            out.write(v);
            out.write('\n');
          }
        }
        out.write('\n');
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static void text(OutputStream out, String name, String value) throws IOException {
    out.write((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Writes (or appends) {@code entries} to {@code file}, whose name must end in .journal. */
  static void write(Path file, List<Entry> entries) throws IOException, InterruptedException {
    Path bin = journalRemote();
    Files.createDirectories(file.getParent());
    Path log = Files.createTempFile("journal-remote", ".log");
    try {
      Process p =
          new ProcessBuilder(bin.toString(), "--output=" + file, "-")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(export(entries));
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("systemd-journal-remote did not finish");
      }
      String output = Files.readString(log);
      if (p.exitValue() != 0 || !output.contains("writing " + entries.size() + " entries")) {
        throw new AssertionError("systemd-journal-remote failed: " + output);
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
