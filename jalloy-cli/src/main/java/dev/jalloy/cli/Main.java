package dev.jalloy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code jalloy} command line: {@code run}, {@code fmt} (alias {@code format}) and {@code
 * validate}, with Alloy's flags. Every failure exits 1, as in Alloy — including picocli's usage
 * errors, which would otherwise exit 2 — and no failure shows a stack trace: the user sees one
 * {@code Error: ...} line.
 */
@Command(
    name = "jalloy",
    description = "A telemetry collector that runs Grafana Alloy configuration files unchanged.",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class)
public final class Main implements Callable<Integer> {
  /** Set to print the stack trace of an unexpected failure, for bug reports. */
  private static final String DEBUG_ENV = "JALLOY_DEBUG";

  /**
   * Stack of the thread commands run on. The parser, and later the evaluator and formatter, recurse
   * about ten frames per nesting level and accept up to {@code Parser.MAX_NESTING} (1000) levels;
   * interpreted frames make that more than the JVM's default 1 MB, and a stack overflow would
   * replace the parser's "nesting too deep" diagnostic. Only touched pages are committed.
   */
  private static final long COMMAND_STACK_BYTES = 256L << 20;

  @Spec CommandSpec spec;

  /** The process entry point; the only place that exits the JVM. */
  public static void main(String[] args) {
    System.exit(execute(Io.system(), args));
  }

  /** Runs the command line and returns the exit code: 0 on success, 1 on any failure. */
  static int execute(Io io, String... args) {
    int[] exitCode = {1};
    Thread thread =
        Thread.ofPlatform()
            .name("jalloy-command")
            .stackSize(COMMAND_STACK_BYTES)
            .unstarted(() -> exitCode[0] = executeHere(io, args));
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
    return exitCode[0];
  }

  private static int executeHere(Io io, String... args) {
    CommandLine cli =
        new CommandLine(new Main())
            .addSubcommand(new RunCommand(io))
            .addSubcommand(new FmtCommand(io))
            .addSubcommand(new ValidateCommand(io))
            .setOut(io.out())
            .setErr(io.err())
            .setParameterExceptionHandler(Main::usageError)
            .setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, io.err()));
    try {
      return cli.execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      // picocli only catches exceptions; an Error thrown by a command lands here.
      return failure(e, io.err());
    } finally {
      io.out().flush();
      io.err().flush();
    }
  }

  /** Without a subcommand, print the usage, as {@code alloy} does. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("Error: " + e.getMessage());
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    return 1;
  }

  private static int failure(Throwable e, PrintWriter err) {
    String message =
        switch (e) {
          case CliException user -> user.getMessage();
          case IOException io -> ConfigSources.describe(io);
          case StackOverflowError ignored -> "internal error: input nested too deeply";
          case OutOfMemoryError ignored -> "out of memory (raise -Xmx in JALLOY_JAVA_OPTS)";
          default -> "internal error: " + e + " (set " + DEBUG_ENV + "=1 for the stack trace)";
        };
    err.println("Error: " + message);
    if (System.getenv(DEBUG_ENV) != null && !(e instanceof CliException)) {
      e.printStackTrace(err);
    }
    return 1;
  }

  /** This build's version without the leading v, or empty outside the jar. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "" : version;
  }

  /**
   * {@code jalloy, version v0.1.0}: the version comes from the jar's {@code
   * Implementation-Version}; classes run outside the jar (tests, IDE) report {@code (devel)}, as Go
   * does.
   */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "jalloy, version " + (version != null ? "v" + version : "(devel)"),
        "  java version: " + Runtime.version(),
        "  platform: "
            + System.getProperty("os.name").toLowerCase(Locale.ROOT)
            + "/"
            + System.getProperty("os.arch"),
      };
    }
  }
}
