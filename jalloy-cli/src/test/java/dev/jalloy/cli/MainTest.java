package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The root command: help, version, and Alloy's single failure exit code. */
class MainTest {

  @Test
  void helpListsTheSubcommands() {
    Cli.Result result = Cli.run("--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("run", "fmt", "validate");
  }

  @Test
  void noSubcommandPrintsUsage() {
    Cli.Result result = Cli.run();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Usage: jalloy");
  }

  @Test
  void versionNamesTheProductLikeAlloyDoes() {
    Cli.Result result = Cli.run("--version");
    assertThat(result.exitCode()).isZero();
    // Outside the jar there is no Implementation-Version; the jar is checked by the launcher.
    assertThat(result.out())
        .matches("(?s)jalloy, version (v\\d+\\.\\d+\\.\\d+\\S*|\\(devel\\))\n.*");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "bogus",
        "run --no-such-flag x.alloy",
        "run",
        "run a.alloy b.alloy",
        "run --dry-run x.alloy",
        "validate",
        "validate --stability.level=beta x.alloy",
        "fmt -x"
      })
  void everyUsageErrorExitsOneWithOneClearLine(String commandLine) {
    Cli.Result result = Cli.run(commandLine.split(" "));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("Error: ").contains("--help' for usage.");
    assertThat(result.all()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void helpOfEachSubcommandExitsZero() {
    for (String command : new String[] {"run", "fmt", "format", "validate"}) {
      Cli.Result result = Cli.run(command, "--help");
      assertThat(result.exitCode()).as(command).isZero();
      assertThat(result.out()).as(command).startsWith("Usage: jalloy ");
    }
  }
}
