package dev.jalloy.cli;

import dev.jalloy.syntax.diag.DiagnosticPrinter;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.token.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a configuration the way Alloy does: one file, or every {@code *.alloy} file of a directory
 * (not recursive, sorted by name, merged into one module). Diagnostics are printed with the
 * offending source line and a caret, so the files are kept for the printer.
 */
final class ConfigSources {
  static final String EXTENSION = ".alloy";

  private ConfigSources() {}

  /**
   * The files of a configuration path. Diagnostics name each file by the path as the user gave it
   * (joined with the file name for a directory), as Alloy's do.
   */
  static List<SourceFile> read(Path path) throws CliException {
    try {
      if (!Files.isDirectory(path)) {
        return List.of(new SourceFile(path.toString(), Files.readAllBytes(path)));
      }
      List<Path> files;
      try (Stream<Path> entries = Files.list(path)) {
        files =
            entries
                .filter(p -> p.getFileName().toString().endsWith(EXTENSION))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
      }
      List<SourceFile> sources = new ArrayList<>(files.size());
      for (Path file : files) {
        sources.add(new SourceFile(file.toString(), Files.readAllBytes(file)));
      }
      return sources;
    } catch (IOException e) {
      throw new CliException("reading config path \"" + path + "\": " + describe(e));
    } catch (OutOfMemoryError e) {
      throw new CliException("reading config path \"" + path + "\": file too large");
    }
  }

  /** Prints diagnostics to stderr with source lines and carets, separated by blank lines. */
  static void print(Diagnostics diagnostics, List<SourceFile> files, PrintWriter err) {
    if (diagnostics.isEmpty()) {
      return;
    }
    Map<String, SourceFile> byName = new LinkedHashMap<>();
    for (SourceFile file : files) {
      byName.put(file.name(), file);
    }
    err.print(DiagnosticPrinter.forFiles(byName).print(diagnostics));
    err.flush();
  }

  /**
   * An I/O failure in the words of the operating system, without Java's exception class names: the
   * user sees "no such file or directory", as from Alloy.
   */
  static String describe(IOException e) {
    return switch (e) {
      case NoSuchFileException ignored -> "no such file or directory";
      case AccessDeniedException ignored -> "permission denied";
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}
