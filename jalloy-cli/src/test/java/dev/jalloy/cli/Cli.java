package dev.jalloy.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the {@code jalloy} command line in-process with captured stdin, stdout and stderr. */
final class Cli {
  private Cli() {}

  /** What one invocation printed and returned. */
  record Result(int exitCode, String out, String err) {
    /** Both streams, for assertions that must hold for everything the user sees. */
    String all() {
      return out + err;
    }
  }

  static Result run(String... args) {
    return runWithStdin(new byte[0], args);
  }

  static Result runWithStdin(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io =
        new Io(new ByteArrayInputStream(stdin), new PrintWriter(out, true), new PrintWriter(err));
    int code = Main.execute(io, args);
    return new Result(code, out.toString(), err.toString());
  }

  static Path sharedDir() {
    String configured = System.getProperty("jalloy.shared.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("shared directory not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  /** The repository root: tests run in the module directory. */
  static Path repoRoot() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
