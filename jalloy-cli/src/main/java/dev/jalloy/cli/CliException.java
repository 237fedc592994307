package dev.jalloy.cli;

import java.io.Serial;

/**
 * A failure the user caused or can fix (bad path, conflicting flags). Its message is printed as one
 * {@code Error: ...} line, never with a stack trace.
 */
final class CliException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}
