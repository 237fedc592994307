package dev.jalloy.syntax.decode;

import dev.jalloy.syntax.diag.Diagnostics;
import java.util.Optional;

/**
 * The result of decoding a body: the record when decoding succeeded, and every problem found.
 *
 * @param value the decoded record, empty when there were errors
 * @param diagnostics all problems, in file order
 */
public record Decoded<R>(Optional<R> value, Diagnostics diagnostics) {
  public boolean ok() {
    return value.isPresent();
  }
}
