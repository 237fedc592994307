package dev.jalloy.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The streams a command talks to. The process uses stdin/stdout/stderr; tests pass their own so
 * they can run commands in-process and look at what was printed.
 */
record Io(InputStream in, PrintWriter out, PrintWriter err) {

  static Io system() {
    return new Io(System.in, utf8(System.out), utf8(System.err));
  }

  private static PrintWriter utf8(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
