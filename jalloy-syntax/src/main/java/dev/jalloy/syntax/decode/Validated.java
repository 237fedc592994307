package dev.jalloy.syntax.decode;

/**
 * Implemented by argument records that check relations between their members after decoding
 * (Alloy's {@code Validate()}): mutually exclusive attributes, ranges, regex syntax.
 */
public interface Validated {
  /**
   * Checks the decoded record.
   *
   * @throws IllegalArgumentException with the message the user should see
   */
  void validate();
}
