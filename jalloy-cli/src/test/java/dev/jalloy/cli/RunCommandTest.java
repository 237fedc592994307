package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jalloy run} in process: what fails before anything starts. Running is tested in RunIT. */
class RunCommandTest {
  @TempDir Path tmp;

  private static String quickstart() {
    return Cli.repoRoot().resolve("examples/quickstart.alloy").toString();
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    Cli.Result result = Cli.run("run", "--dry-run", quickstart());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("Unknown option: '--dry-run'");
  }

  @Test
  void helpShowsTheDefaults() {
    Cli.Result result = Cli.run("run", "--help");
    assertThat(result.out())
        .contains("127.0.0.1:12345", "data-alloy/", "generally-available", "experimental");
  }

  @Test
  void anInvalidConfigFailsLikeValidate() throws IOException {
    Path config = tmp.resolve("config.alloy");
    Files.writeString(config, "logging {}\nlogging {}\n");
    Cli.Result result = Cli.run("run", config.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(config + ":2:1: block logging already declared at " + config + ":1:1")
        .endsWith("Error: validation failed\n")
        .doesNotContain("jalloy is running");
  }
}
