package dev.jalloy.component.prometheus.scrape.textparse;

import java.io.Serial;

/**
 * A malformed exposition: the scrape fails and is counted, as in Prometheus. {@link #reason()} is
 * Prometheus' own error text; {@link #getMessage()} prefixes it with the 1-based line number.
 */
public final class ParseException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final int line;
  private final String reason;

  public ParseException(int line, String reason) {
    super("line " + line + ": " + reason, null, false, false);
    this.line = line;
    this.reason = reason;
  }

  /** The 1-based line of the input where the problem was found. */
  public int line() {
    return line;
  }

  /** The problem, worded as Prometheus words it. */
  public String reason() {
    return reason;
  }
}
