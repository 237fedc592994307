package dev.jalloy.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The values of {@code --stability.level}, lowest first. A feature is allowed when its level is at
 * least the minimum the user asked for.
 *
 * <p>Lives in the CLI until the runtime's {@code Stability} type exists; the names and order are
 * Alloy's ({@code internal/featuregate}).
 */
enum StabilityLevel {
  EXPERIMENTAL("experimental"),
  PUBLIC_PREVIEW("public-preview"),
  GENERALLY_AVAILABLE("generally-available");

  private final String flagValue;

  StabilityLevel(String flagValue) {
    this.flagValue = flagValue;
  }

  String flagValue() {
    return flagValue;
  }

  boolean allows(StabilityLevel feature) {
    return feature.ordinal() >= ordinal();
  }

  /**
   * Alloy's wording when a feature is below the minimum level, e.g. {@code foreach block "foreach"
   * is at stability level "experimental", which is below ...}.
   */
  String belowMinimum(String what, StabilityLevel feature) {
    return "%s is at stability level \"%s\", which is below the minimum allowed stability level \"%s\". Use --stability.level command-line flag to enable \"%s\" features"
        .formatted(what, feature.flagValue, flagValue, feature.flagValue);
  }

  static String allValues() {
    return Arrays.stream(values()).map(StabilityLevel::flagValue).collect(Collectors.joining("|"));
  }

  /** Reads the flag's value as Alloy spells it. */
  static final class Converter implements ITypeConverter<StabilityLevel> {
    @Override
    public StabilityLevel convert(String value) {
      for (StabilityLevel level : values()) {
        if (level.flagValue.equals(value)) {
          return level;
        }
      }
      throw new TypeConversionException(
          "invalid stability level \"" + value + "\"; expected one of " + allValues());
    }
  }
}
