package dev.jalloy.syntax.diag;

import dev.jalloy.syntax.token.Position;

/**
 * One problem found in a configuration, with the span it concerns.
 *
 * @param severity error or warning
 * @param start first byte of the span
 * @param end last byte of the span (inclusive, as Alloy prints it); equal to {@code start} for a
 *     point
 * @param message the message, worded as Alloy words it
 */
public record Diagnostic(Severity severity, Position start, Position end, String message) {

  public static Diagnostic error(Position start, Position end, String message) {
    return new Diagnostic(Severity.ERROR, start, end, message);
  }

  public static Diagnostic error(Position at, String message) {
    return new Diagnostic(Severity.ERROR, at, at, message);
  }

  public static Diagnostic warning(Position start, Position end, String message) {
    return new Diagnostic(Severity.WARNING, start, end, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:col: message}, the one-line form. */
  @Override
  public String toString() {
    return start + ": " + message;
  }
}
