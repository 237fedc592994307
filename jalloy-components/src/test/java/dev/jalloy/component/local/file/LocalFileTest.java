package dev.jalloy.component.local.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.Health;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalFileTest {
  @TempDir Path dir;

  private static String block(Path file, String extra) {
    return "local.file \"token\" {\n  filename = \"" + file + "\"\n" + extra + "}\n";
  }

  /**
   * Waits for the re-read that run() asks for once its detector is in place; after it, a prompt
   * re-export can only come from the detector, not from that start-up read.
   */
  private static void awaitWatching(ComponentHarness<?> h) {
    Eventually.await(() -> h.exportHistory().size() >= 2, "the re-read when run starts");
  }

  private static String content(ComponentHarness<?> h) {
    return h.exports(LocalFile.Exports.class).content().value();
  }

  @Test
  void exportsTheContentAndIsHealthy() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "s3cr3t\n");
    try (var h = ComponentHarness.start(LocalFile.REGISTRATION, block(file, ""))) {
      assertThat(h.id()).isEqualTo("local.file.token");
      assertThat(h.exports(LocalFile.Exports.class).content())
          .isEqualTo(Value.optionalSecret("s3cr3t\n", false));
      assertThat(h.health().state()).isEqualTo(Health.State.HEALTHY);
      assertThat(h.health().message()).isEqualTo("read file");
      assertThat(h.registry().scrape().stream().map(s -> s.getMetadata().getPrometheusName()))
          .contains("agent_local_file_timestamp_last_accessed_unix_seconds");
    }
  }

  @ParameterizedTest(name = "detector={0} poll_frequency={1}")
  @CsvSource({
    "fsnotify, 1h", // only an event can explain a prompt re-read
    "poll, 20ms"
  })
  void reExportsTheFileWhenItChanges(String detector, String pollFrequency) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "one");
    String source =
        block(
            file,
            "  detector = \"" + detector + "\"\n  poll_frequency = \"" + pollFrequency + "\"\n");
    try (var h = ComponentHarness.start(LocalFile.REGISTRATION, source)) {
      assertThat(content(h)).isEqualTo("one");
      awaitWatching(h);
      Files.writeString(file, "two");
      h.awaitExports(
          LocalFile.Exports.class, e -> e.content().value().equals("two"), "the new content");
    }
  }

  @Test
  void isSecretExportsASecret() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "hunter2");
    try (var h =
        ComponentHarness.start(LocalFile.REGISTRATION, block(file, "  is_secret = true\n"))) {
      Value.OptionalSecret content = h.exports(LocalFile.Exports.class).content();
      assertThat(content.isSecret()).isTrue();
      assertThat(content.value()).isEqualTo("hunter2");
      assertThat(content).hasToString("(secret)");
      assertThat(h.exports(LocalFile.Exports.class).toString()).doesNotContain("hunter2");
    }
  }

  @Test
  void aVanishedFileMakesItUnhealthyKeepingTheLastContentUntilItReturns() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "first");
    try (var h =
        ComponentHarness.start(
            LocalFile.REGISTRATION, block(file, "  poll_frequency = \"1h\"\n"))) {
      awaitWatching(h);
      Files.delete(file);
      Health unhealthy = h.awaitHealth(Health.State.UNHEALTHY);
      assertThat(unhealthy.message())
          .isEqualTo("failed to read file: open " + file + ": no such file or directory");
      assertThat(content(h)).isEqualTo("first");
      assertThat(h.logs())
          .anyMatch(
              l ->
                  l.contains(
                      "level=error msg=\"failed to read file\" component_path=/"
                          + " component_id=local.file.token path="
                          + file
                          + " err=\"open "));

      Files.writeString(file, "second");
      h.awaitHealth(Health.State.HEALTHY);
      h.awaitExports(
          LocalFile.Exports.class, e -> e.content().value().equals("second"), "the new content");
    }
  }

  @Test
  void followsAtomicSymlinkSwapsAsKubernetesDoes() throws Exception {
    // Kubernetes mounts secrets as token -> ..data/token, ..data -> ..<timestamp>, and updates by
    // renaming a new ..data link over the old one; the token link itself never changes.
    Files.createDirectories(dir.resolve("..v1"));
    Files.writeString(dir.resolve("..v1/token"), "v1");
    Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
    Path token = Files.createSymbolicLink(dir.resolve("token"), Path.of("..data/token"));
    try (var h =
        ComponentHarness.start(
            LocalFile.REGISTRATION, block(token, "  poll_frequency = \"1h\"\n"))) {
      assertThat(content(h)).isEqualTo("v1");
      awaitWatching(h);
      Files.createDirectories(dir.resolve("..v2"));
      Files.writeString(dir.resolve("..v2/token"), "v2");
      Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..v2"));
      Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
      h.awaitExports(
          LocalFile.Exports.class, e -> e.content().value().equals("v2"), "the swapped content");
    }
  }

  @Test
  void anUpdateWatchesTheNewFile() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "a");
    Path b = Files.writeString(dir.resolve("b"), "b");
    try (var h = ComponentHarness.start(LocalFile.REGISTRATION, block(a, ""))) {
      h.update(block(b, "  poll_frequency = \"1h\"\n"));
      assertThat(content(h)).isEqualTo("b");
      Files.writeString(b, "b2");
      h.awaitExports(LocalFile.Exports.class, e -> e.content().value().equals("b2"), "b2");
    }
  }

  @Test
  void aFileThatCannotBeReadFailsTheBuildWithGosWording() throws IOException {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(
            () ->
                ComponentHarness.start(
                    LocalFile.REGISTRATION, LocalFile.Arguments.of(missing.toString())))
        .isInstanceOf(IOException.class)
        .hasMessage("failed to read file: open " + missing + ": no such file or directory");
    Path directory = Files.createDirectory(dir.resolve("d"));
    assertThatThrownBy(
            () ->
                ComponentHarness.start(
                    LocalFile.REGISTRATION, LocalFile.Arguments.of(directory.toString())))
        .hasMessage("failed to read file: read " + directory + ": is a directory");
  }

  @Test
  void decodesWithAlloysDefaultsAndRejectsWhatAlloyRejects() {
    Decoded<LocalFile.Arguments> minimal =
        ComponentHarness.decode(LocalFile.REGISTRATION, "local.file \"x\" { filename = \"/f\" }");
    assertThat(minimal.value())
        .contains(new LocalFile.Arguments("/f", "fsnotify", Duration.ofMinutes(1), false));

    assertThat(errors("local.file \"x\" {}"))
        .containsExactly("missing required attribute \"filename\"");
    assertThat(errors("local.file \"x\" {\n filename = \"/f\"\n detector = \"inotify\"\n}"))
        .containsExactly("unrecognized detector \"inotify\", expected fsnotify or poll");
    assertThat(errors("local.file \"x\" {\n filename = \"/f\"\n poll_frequency = \"0s\"\n}"))
        .containsExactly("poll_frequency must be greater than 0");
    assertThat(
            ComponentHarness.decode(
                    LocalFile.REGISTRATION,
                    "local.file \"x\" {\n filename = \"/f\"\n detector = \"\"\n}")
                .value()
                .orElseThrow()
                .detector())
        .isEqualTo("fsnotify");
  }

  private static java.util.List<String> errors(String source) {
    return ComponentHarness.decode(LocalFile.REGISTRATION, source).diagnostics().asList().stream()
        .map(Diagnostic::message)
        .toList();
  }
}
