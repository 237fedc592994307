package dev.jalloy.syntax.vm;

import dev.jalloy.syntax.diag.Diagnostic;
import java.io.Serial;

/**
 * An expression could not be evaluated; the diagnostic says where and why. Carries no stack trace:
 * it describes the user's configuration, not a fault in jalloy.
 */
public final class EvaluationException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Diagnostic diagnostic;

  public EvaluationException(Diagnostic diagnostic) {
    super(diagnostic.toString(), null, false, false);
    this.diagnostic = diagnostic;
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
