package dev.jalloy.component;

import java.util.Locale;
import java.util.Optional;

/**
 * How settled a feature is, as Alloy ranks them. {@code --stability.level} sets the minimum a
 * configuration may use; a feature below it is a load error naming the flag.
 */
public enum Stability {
  EXPERIMENTAL("experimental"),
  PUBLIC_PREVIEW("public-preview"),
  GENERALLY_AVAILABLE("generally-available");

  private final String flagValue;

  Stability(String flagValue) {
    this.flagValue = flagValue;
  }

  /** The spelling used by {@code --stability.level} and in messages. */
  public String flagValue() {
    return flagValue;
  }

  /** Whether a feature at {@code feature} may be used when this is the minimum level. */
  public boolean allows(Stability feature) {
    return feature.ordinal() >= ordinal();
  }

  /**
   * Alloy's message for a feature below the minimum, e.g. {@code prometheus.x is at stability level
   * "experimental", which is below the minimum allowed stability level "generally-available". Use
   * --stability.level command-line flag to enable "experimental" features}.
   */
  public String belowMinimumMessage(String what, Stability feature) {
    return what
        + " is at stability level \""
        + feature.flagValue
        + "\", which is below the minimum allowed stability level \""
        + flagValue
        + "\". Use --stability.level command-line flag to enable \""
        + feature.flagValue
        + "\" features";
  }

  public static Optional<Stability> parse(String value) {
    for (Stability s : values()) {
      if (s.flagValue.equals(value.toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return flagValue;
  }
}
