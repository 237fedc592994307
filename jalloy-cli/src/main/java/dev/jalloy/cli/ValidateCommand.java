package dev.jalloy.cli;

import dev.jalloy.runtime.GraphCheck;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code jalloy validate [flags] <path>}: checks a configuration without running it. Reports every
 * problem at once, then "validation failed" and exit 1; exit 0 when the configuration is valid.
 */
@Command(
    name = "validate",
    description = {
      "Validate a configuration file or directory without running it.",
      "",
      "Checks the syntax of every file, top-level attributes, duplicate block names, missing"
          + " labels, where blocks may appear, unknown components and their attributes and"
          + " blocks, references to components that do not exist, and cycles. Nothing is"
          + " evaluated or run."
    },
    mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {
  private final Io io;

  @Mixin ConfigOptions config;

  @Parameters(
      index = "0",
      paramLabel = "<path>",
      description = "An Alloy configuration file, or a directory of *.alloy files.")
  Path path;

  ValidateCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws CliException {
    config.check();
    return check(path, config, io) ? 0 : 1;
  }

  /**
   * Reads and validates a configuration, printing its diagnostics and, on errors, "validation
   * failed". Shared with {@code run}, which must refuse what {@code validate} refuses.
   *
   * @return whether the configuration has no errors
   */
  static boolean check(Path path, ConfigOptions config, Io io) throws CliException {
    List<SourceFile> files = ConfigSources.read(path);
    if (files.isEmpty()) {
      io.err().println("Warning: no *" + ConfigSources.EXTENSION + " files in " + path);
    }
    Diagnostics diagnostics =
        new ConfigValidator(
                config.stabilityLevel,
                new RegistrySchemaChecks(
                    Builtins.COMPONENTS, Builtins.SERVICE_BLOCKS, config.stabilityLevel))
            .validate(files);
    if (!diagnostics.hasErrors()) {
      // The graph: references to nothing, self references, cycles, experimental functions.
      Diagnostics graph =
          GraphCheck.check(
              files,
              Builtins.COMPONENTS,
              Builtins.SERVICE_BLOCKS.keySet(),
              Stdlib.forThisHost(""),
              config.stabilityLevel);
      for (Diagnostic d : graph) {
        if (!diagnostics.asList().contains(d)) {
          diagnostics.add(d);
        }
      }
    }
    ConfigSources.print(diagnostics, files, io.err());
    if (diagnostics.hasErrors()) {
      io.err().println();
      io.err().println("Error: validation failed");
      return false;
    }
    return true;
  }
}
