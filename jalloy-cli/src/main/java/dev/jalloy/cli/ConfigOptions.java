package dev.jalloy.cli;

import dev.jalloy.component.Stability;
import java.util.Set;
import picocli.CommandLine.Option;

/** The configuration flags {@code run} and {@code validate} share, with Alloy's names. */
final class ConfigOptions {
  private static final Set<String> FORMATS =
      Set.of("alloy", "otelcol", "prometheus", "promtail", "static");

  @Option(
      names = "--config.format",
      defaultValue = "alloy",
      paramLabel = "<format>",
      description =
          "The format of the source file: alloy, otelcol, prometheus, promtail or static."
              + " Only alloy is supported so far; conversion from the others is not built yet."
              + " Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--config.bypass-conversion-errors",
      arity = "0..1",
      fallbackValue = "true",
      description = "Ignore non-critical errors when converting a config (accepted; not used yet).")
  boolean bypassConversionErrors;

  @Option(
      names = "--config.extra-args",
      defaultValue = "",
      paramLabel = "<args>",
      description = "Extra flags for the source format's converter (accepted; not used yet).")
  String extraArgs;

  @Option(
      names = "--stability.level",
      defaultValue = "generally-available",
      converter = StabilityConverter.class,
      paramLabel = "<level>",
      description =
          "Minimum stability level of features that may be used:"
              + " experimental|public-preview|generally-available. Default: ${DEFAULT-VALUE}.")
  Stability stabilityLevel;

  @Option(
      names = "--feature.community-components.enabled",
      arity = "0..1",
      fallbackValue = "true",
      description = "Allow community components (accepted; not used yet).")
  boolean communityComponents;

  /** Fails for a format jalloy cannot read yet, rather than misreading the file. */
  void check() throws CliException {
    if (!FORMATS.contains(format)) {
      throw new CliException(
          "unknown config format \""
              + format
              + "\"; expected one of "
              + String.join(", ", FORMATS));
    }
    if (!format.equals("alloy")) {
      throw new CliException(
          "config format \""
              + format
              + "\" is not supported yet: jalloy reads Alloy configuration files only"
              + " (convert the file with `alloy convert` meanwhile)");
    }
  }
}
