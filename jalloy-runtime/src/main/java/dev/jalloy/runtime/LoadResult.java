package dev.jalloy.runtime;

import dev.jalloy.syntax.diag.DiagnosticPrinter;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.token.SourceFile;
import java.util.Map;

/**
 * The outcome of loading a configuration.
 *
 * @param applied whether the new graph replaced the old one (false for parse and graph errors,
 *     which leave the running graph untouched)
 * @param diagnostics every problem and warning found; errors make the load a failure
 * @param files the files loaded, by name, for printing diagnostics with their source lines
 */
public record LoadResult(boolean applied, Diagnostics diagnostics, Map<String, SourceFile> files) {
  public LoadResult {
    files = Map.copyOf(files);
  }

  /** Whether the configuration loaded completely, evaluation included. */
  public boolean ok() {
    return applied && !diagnostics.hasErrors();
  }

  /** The diagnostics in Alloy's layout, with source lines and carets. */
  public String printedDiagnostics() {
    return DiagnosticPrinter.forFiles(files).print(diagnostics);
  }
}
