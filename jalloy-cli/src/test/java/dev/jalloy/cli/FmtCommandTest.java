package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code jalloy fmt}: Alloy's flags and messages, on the users' configurations. */
class FmtCommandTest {
  private static final String UNFORMATTED = "logging { level=\"debug\"\nformat = \"json\" }\n";
  private static final String FORMATTED =
      "logging {\n\tlevel  = \"debug\"\n\tformat = \"json\"\n}\n";

  @TempDir Path tmp;

  static Stream<Path> sharedConfigs() {
    return ValidateCommandTest.sharedConfigs();
  }

  /** The shared configs are written with two-space indents; fmt turns them into tabs. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedConfigs")
  void sharedConfigIsReportedUnformattedAndItsFormattedOutputIsStable(Path config)
      throws IOException {
    Cli.Result check = Cli.run("fmt", "-t", config.toString());
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).isEqualTo("Error: file " + config + " is not formatted correctly\n");

    Cli.Result formatted = Cli.run("fmt", config.toString());
    assertThat(formatted.exitCode()).isZero();
    assertThat(formatted.err()).isEmpty();
    Path copy = tmp.resolve(config.getFileName());
    Files.writeString(copy, formatted.out());
    Cli.Result recheck = Cli.run("fmt", "--test", copy.toString());
    assertThat(recheck.err()).isEmpty();
    assertThat(recheck.exitCode()).isZero();
    assertThat(Cli.run("fmt", copy.toString()).out()).isEqualTo(formatted.out());
  }

  @Test
  void quickstartIsFormatted() {
    Path quickstart = Cli.repoRoot().resolve("examples/quickstart.alloy");
    assertThat(Cli.run("fmt", "-t", quickstart.toString()).exitCode()).isZero();
  }

  @Test
  void readsStdinWithoutAFileOrWithDash() {
    byte[] in = UNFORMATTED.getBytes(StandardCharsets.UTF_8);
    for (String[] args : new String[][] {{"fmt"}, {"fmt", "-"}, {"format", "-"}}) {
      Cli.Result result = Cli.runWithStdin(in, args);
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEqualTo(FORMATTED);
    }
    Cli.Result test = Cli.runWithStdin(in, "fmt", "-t");
    assertThat(test.exitCode()).isEqualTo(1);
    assertThat(test.err()).isEqualTo("Error: file <stdin> is not formatted correctly\n");
  }

  @Test
  void writeRewritesInPlaceKeepingTheModeAndOnlyWhenChanged() throws IOException {
    Path file = tmp.resolve("config.alloy");
    Files.writeString(file, UNFORMATTED);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    Cli.Result result = Cli.run("fmt", "-w", file.toString());
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(FORMATTED);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");

    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, old);
    assertThat(Cli.run("fmt", "--write", file.toString()).exitCode()).isZero();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
  }

  @Test
  void refusesWhatAlloyRefuses() throws IOException {
    Path file = tmp.resolve("config.alloy");
    Files.writeString(file, FORMATTED);
    assertFails(
        Cli.run("fmt", "-w", "-t", file.toString()),
        "cannot use -w/--write and -t/--test at the same time");
    assertFails(Cli.runWithStdin(new byte[0], "fmt", "-w"), "cannot use -w with standard input");
    assertFails(Cli.run("fmt", "-w", "-"), "cannot use -w with standard input");
    assertFails(Cli.run("fmt", tmp.toString()), "cannot format a directory");
    assertFails(
        Cli.run("fmt", tmp.resolve("nope.alloy").toString()),
        "reading \"" + tmp.resolve("nope.alloy") + "\": no such file or directory");
  }

  @Test
  void syntaxErrorsAreAllPrintedThenTheSummary() throws IOException {
    Path file = tmp.resolve("config.alloy");
    Files.writeString(file, "logging {\n  level = 'x'\n}\n# no\n");
    Cli.Result result = Cli.run("fmt", "-w", file.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("Error: " + file + ":2:11: illegal single-quoted string; use double quotes\n")
        .contains(file + ":4:1: illegal character U+0023 '#'")
        .endsWith("\nError: encountered errors during formatting\n");
    assertThat(Files.readString(file)).isEqualTo("logging {\n  level = 'x'\n}\n# no\n");
  }

  private static void assertFails(Cli.Result result, String message) {
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error: " + message + "\n");
    assertThat(result.out()).isEmpty();
  }
}
