package dev.jalloy.cli;

import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.printer.Formatter;
import dev.jalloy.syntax.token.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jalloy fmt [-w|--write] [-t|--test] [file|-]}: prints a file in Alloy's canonical layout,
 * rewrites it in place, or checks that it is formatted. Follows {@code alloy fmt}
 * (internal/alloycli/cmd_fmt.go): the same flag conflicts, messages and exit codes. Only syntax is
 * checked, not component schemas.
 */
@Command(
    name = "fmt",
    aliases = "format",
    description = {
      "Format a configuration file.",
      "",
      "Applies Alloy's standard formatting rules. If the file argument is not supplied or is \"-\","
          + " fmt reads from stdin. -w writes the result back to the file (only if it changed);"
          + " it cannot be used with stdin. Without -w the result goes to stdout."
    },
    mixinStandardHelpOptions = true)
final class FmtCommand implements Callable<Integer> {
  private static final String STDIN = "-";

  private final Io io;

  @Option(
      names = {"-w", "--write"},
      description = "Write the result to the (source) file instead of stdout.")
  boolean write;

  @Option(
      names = {"-t", "--test"},
      description =
          "Exit with 1 when formatting would change the file. Cannot be used with -w/--write.")
  boolean test;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<file>",
      description = "The file to format, or - for stdin (the default).")
  String file = STDIN;

  FmtCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws CliException, IOException {
    if (write && test) {
      throw new CliException("cannot use -w/--write and -t/--test at the same time");
    }
    if (file.equals(STDIN)) {
      if (write) {
        throw new CliException("cannot use -w with standard input");
      }
      return format(new SourceFile("<stdin>", io.in().readAllBytes()), null);
    }
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw new CliException("cannot format a directory");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new CliException("reading \"" + file + "\": " + ConfigSources.describe(e));
    }
    return format(new SourceFile(file, bytes), path);
  }

  /** Formats one source; {@code path} is where {@code --write} puts the result. */
  private int format(SourceFile source, Path path) throws CliException {
    ParseResult parsed = Parser.parse(source);
    if (parsed.hasErrors()) {
      ConfigSources.print(parsed.diagnostics(), List.of(source), io.err());
      io.err().println();
      io.err().println("Error: encountered errors during formatting");
      return 1;
    }
    String formatted = Formatter.format(parsed.file());
    byte[] result = formatted.getBytes(StandardCharsets.UTF_8);
    boolean unchanged = Arrays.equals(source.bytes(), result);
    if (test) {
      if (!unchanged) {
        throw new CliException("file " + source.name() + " is not formatted correctly");
      }
      return 0;
    }
    if (!write) {
      io.out().print(formatted);
      io.out().flush();
      return 0;
    }
    if (!unchanged) {
      // Rewritten in place, as alloy fmt -w does: the file keeps its inode, so its mode, owner and
      // hard links stay as they were.
      try {
        Files.write(path, result, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException e) {
        throw new CliException("writing \"" + file + "\": " + ConfigSources.describe(e));
      }
    }
    return 0;
  }
}
