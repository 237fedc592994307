package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code jalloy validate}: the users' configurations, directories, and what Alloy rejects. */
class ValidateCommandTest {
  /**
   * Shared configurations that validate with a warning. The seed behind host-simple.alloy (004)
   * writes {@code constants { hostname = ... }}; Alloy has no such block and rejects the file,
   * jalloy accepts it as an extension and says so (see {@code JalloyConstants}).
   */
  private static final Map<String, String> WARNED =
      Map.of(
          "host-simple.alloy",
          "host-simple.alloy:2:1: the constants block is a jalloy extension that sets"
              + " constants.hostname for this configuration; Alloy rejects it");

  /**
   * Components the shared configurations use that are not built yet. validate rejects them as Alloy
   * rejects an unknown component; the list shrinks as components land, and the test fails if a
   * listed component exists (so it cannot go stale) or another error appears.
   */
  private static final java.util.Set<String> NOT_BUILT_YET =
      java.util.Set.of(
          "discovery.docker",
          "discovery.kubernetes",
          "loki.source.docker",
          "otelcol.receiver.otlp",
          "prometheus.exporter.github");

  /** {@code loki.process} stages not built yet (none now: every stage of the seeds exists). */
  private static final java.util.Set<String> STAGES_NOT_BUILT_YET = java.util.Set.of();

  @TempDir Path tmp;

  @Test
  void theNotYetBuiltListIsCurrent() {
    for (String name : NOT_BUILT_YET) {
      assertThat(Builtins.COMPONENTS.get(name))
          .as(name + " exists now: drop it from the list")
          .isEmpty();
    }
  }

  static Stream<Path> sharedConfigs() {
    try (Stream<Path> files = Files.list(Cli.sharedDir().resolve("configs"))) {
      return files.filter(p -> p.toString().endsWith(".alloy")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedConfigs")
  void sharedConfigValidatesExceptForComponentsNotBuiltYet(Path config) {
    Cli.Result result = Cli.run("validate", config.toString());
    String warning = WARNED.get(config.getFileName().toString());
    if (warning != null) {
      assertThat(result.err()).startsWith("Warning: ").contains(warning);
    }
    java.util.List<String> errors =
        result.err().lines().filter(l -> l.startsWith("Error: ")).toList();
    for (String error : errors) {
      if (error.equals("Error: validation failed")) {
        continue;
      }
      java.util.regex.Matcher stage =
          java.util.regex.Pattern.compile("unrecognized block name \"stage\\.([a-z_]+)\"")
              .matcher(error);
      if (stage.find()) {
        assertThat(STAGES_NOT_BUILT_YET).contains(stage.group(1));
        continue;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "cannot find the definition of component name \"([^\"]+)\"")
              .matcher(error);
      assertThat(m.find()).as("only unbuilt components may fail: " + error).isTrue();
      assertThat(NOT_BUILT_YET).contains(m.group(1));
    }
    assertThat(result.exitCode()).isEqualTo(errors.isEmpty() ? 0 : 1);
  }

  @Test
  void quickstartValidates() {
    Path quickstart = Cli.repoRoot().resolve("examples/quickstart.alloy");
    Cli.Result result = Cli.run("validate", quickstart.toString());
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void aDirectoryIsOneModuleOfItsAlloyFiles() throws IOException {
    Files.writeString(tmp.resolve("a.alloy"), "logging {}\n");
    Files.writeString(tmp.resolve("b.alloy"), "local.file \"x\" {\n  filename = \"/x\"\n}\n");
    Files.writeString(tmp.resolve("notes.txt"), "not a config = ");
    Files.createDirectory(tmp.resolve("sub.alloy"));
    assertThat(Cli.run("validate", tmp.toString()).exitCode()).isZero();

    // The files share one namespace, so the same block in two files is a duplicate.
    Files.writeString(tmp.resolve("c.alloy"), "logging {}\n");
    Cli.Result result = Cli.run("validate", tmp.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(
            "Error: "
                + tmp.resolve("c.alloy")
                + ":1:1: block logging already declared at "
                + tmp.resolve("a.alloy")
                + ":1:1");
  }

  @Test
  void topLevelAttributesAreRejectedAsInAlloy() throws IOException {
    Path config = tmp.resolve("config.alloy");
    Files.writeString(config, "log_level = \"debug\"\n\nlogging {}\n");
    Cli.Result result = Cli.run("validate", config.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            """
            Error: %s:1:1: unrecognized attribute log_level

            1 | log_level = "debug"
              | ^^^^^^^^^
            2 | \n
            Error: validation failed
            """
                .formatted(config));
  }

  @Test
  void foreachNeedsTheExperimentalLevel() throws IOException {
    Path config = tmp.resolve("config.alloy");
    Files.writeString(
        config, "foreach \"x\" {\n  collection = []\n  var = \"each\"\n  template {}\n}\n");
    Cli.Result ga = Cli.run("validate", config.toString());
    assertThat(ga.exitCode()).isEqualTo(1);
    assertThat(ga.err()).contains("is at stability level \"experimental\"");
    Cli.Result experimental =
        Cli.run("validate", "--stability.level=experimental", config.toString());
    // Allowed at that level, but jalloy cannot run modules yet, and validate says what run would.
    assertThat(experimental.err())
        .doesNotContain("stability level")
        .contains("jalloy does not support the \"foreach\" block yet");
  }

  @Test
  void aMissingPathIsOneLine() {
    Cli.Result result = Cli.run("validate", tmp.resolve("nope.alloy").toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error: reading config path \""
                + tmp.resolve("nope.alloy")
                + "\": no such file or directory\n");
  }

  @Test
  void otherConfigFormatsAreRefusedUntilConversionExists() throws IOException {
    Path config = tmp.resolve("prometheus.yml");
    Files.writeString(config, "scrape_configs: []\n");
    Cli.Result result = Cli.run("validate", "--config.format=prometheus", config.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("Error: config format \"prometheus\" is not supported yet");
  }
}
