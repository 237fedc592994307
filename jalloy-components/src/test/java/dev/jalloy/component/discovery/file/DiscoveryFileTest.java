package dev.jalloy.component.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.Health;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryFileTest {
  @TempDir Path dir;

  private static String block(String extra, Path... files) {
    StringBuilder list = new StringBuilder();
    for (Path f : files) {
      list.append(list.isEmpty() ? "" : ", ").append('"').append(f).append('"');
    }
    return "discovery.file \"nodes\" {\n  files = [" + list + "]\n" + extra + "}\n";
  }

  /** Writes atomically, so the component never sees half a file. */
  private Path write(Path file, String content) throws IOException {
    Path tmp = Files.writeString(dir.resolve(".tmp-" + file.getFileName()), content);
    return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<Map<String, String>> targets(ComponentHarness<?> h) {
    return h.exports(DiscoveryFile.Exports.class).targets();
  }

  private static List<Map<String, String>> awaitTargets(
      ComponentHarness<?> h, List<Map<String, String>> expected, String what) {
    return h.awaitExports(DiscoveryFile.Exports.class, e -> e.targets().equals(expected), what)
        .targets();
  }

  /** Waits until run() has its watches in place: it refreshes once they are. */
  private static void awaitWatching(ComponentHarness<?> h) {
    Eventually.await(
        () -> ((DiscoveryFile) h.component()).refreshesSinceRun() > 0, "the first refresh in run");
  }

  private static Map<String, String> target(String address, Path file, String... labels) {
    Map<String, String> m = new java.util.TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      m.put(labels[i], labels[i + 1]);
    }
    m.put("__address__", address);
    m.put("__meta_filepath", file.toString());
    return m;
  }

  @Test
  void exportsTargetsFromJsonAndYamlFiles() throws Exception {
    Path json =
        write(
            dir.resolve("a.json"),
            """
            [{"targets": ["a:9100", "b:9100"], "labels": {"env": "prod"}},
             {"targets": ["c:9100"]}]
            """);
    Path yaml =
        write(
            dir.resolve("b.yml"),
            """
            - targets: [d:9100]
              labels:
                env: dev
                __address__: ignored
            """);
    try (var h = ComponentHarness.start(DiscoveryFile.REGISTRATION, block("", json, yaml))) {
      assertThat(h.id()).isEqualTo("discovery.file.nodes");
      assertThat(targets(h))
          .containsExactly(
              target("a:9100", json, "env", "prod"),
              target("b:9100", json, "env", "prod"),
              target("c:9100", json),
              target("d:9100", yaml, "env", "dev"));
      assertThat(h.health().state()).isEqualTo(Health.State.HEALTHY);
    }
  }

  @Test
  void expandsGlobsInTheLastPathElement() throws Exception {
    Path one = write(dir.resolve("tg_1.json"), "[{\"targets\": [\"one:1\"]}]");
    Path two = write(dir.resolve("tg_2.yaml"), "- targets: [\"two:2\"]\n");
    write(dir.resolve("other.json"), "[{\"targets\": [\"other:3\"]}]");
    String source =
        "discovery.file \"g\" {\n  files = [\""
            + dir
            + "/tg_*.json\", \""
            + dir
            + "/tg_[0-9].yaml\"]\n}\n";
    try (var h = ComponentHarness.start(DiscoveryFile.REGISTRATION, source)) {
      assertThat(targets(h)).containsExactly(target("one:1", one), target("two:2", two));
      awaitWatching(h);
      Path three = write(dir.resolve("tg_3.json"), "[{\"targets\": [\"three:3\"]}]");
      awaitTargets(
          h,
          List.of(target("one:1", one), target("three:3", three), target("two:2", two)),
          "the new file's targets");
    }
  }

  @Test
  void picksUpChangesWithoutWaitingForTheRefreshInterval() throws Exception {
    Path file = write(dir.resolve("t.json"), "[{\"targets\": [\"a:1\"]}]");
    try (var h =
        ComponentHarness.start(
            DiscoveryFile.REGISTRATION, block("  refresh_interval = \"1h\"\n", file))) {
      assertThat(targets(h)).containsExactly(target("a:1", file));
      awaitWatching(h);
      write(file, "[{\"targets\": [\"b:2\"], \"labels\": {\"job\": \"x\"}}]");
      awaitTargets(h, List.of(target("b:2", file, "job", "x")), "the changed targets");
      Files.writeString(file, "[{\"targets\": [\"c:3\"]}]"); // in place, not atomically
      awaitTargets(h, List.of(target("c:3", file)), "the rewritten targets");
    }
  }

  @Test
  void refreshIntervalFindsChangesWithoutEvents() throws Exception {
    Path file = write(dir.resolve("t.json"), "[{\"targets\": [\"a:1\"]}]");
    try (var h =
        ComponentHarness.start(
            DiscoveryFile.REGISTRATION, block("  refresh_interval = \"50ms\"\n", file))) {
      awaitWatching(h);
      ((DiscoveryFile) h.component()).stopWatchingForTest();
      write(file, "[{\"targets\": [\"b:2\"]}]");
      awaitTargets(h, List.of(target("b:2", file)), "the targets found by the refresh interval");
    }
  }

  @Test
  void aBrokenFileKeepsItsTargetsAndMakesTheComponentUnhealthy() throws Exception {
    Path good = write(dir.resolve("good.json"), "[{\"targets\": [\"g:1\"]}]");
    Path file = write(dir.resolve("t.json"), "[{\"targets\": [\"a:1\"]}]");
    try (var h =
        ComponentHarness.start(
            DiscoveryFile.REGISTRATION, block("  refresh_interval = \"1h\"\n", good, file))) {
      List<Map<String, String>> before = targets(h);
      assertThat(before).containsExactly(target("g:1", good), target("a:1", file));
      awaitWatching(h);

      write(file, "[{\"targets\": [\"a:1\"], \"labels\": {\"not-valid\": \"x\"}}]");
      Health unhealthy = h.awaitHealth(Health.State.UNHEALTHY);
      assertThat(unhealthy.message())
          .isEqualTo("error reading file " + file + ": \"not-valid\" is not a valid label name");
      assertThat(targets(h)).isEqualTo(before);
      assertThat(h.logs())
          .anyMatch(
              l ->
                  l.contains("level=error msg=\"Error reading file\"")
                      && l.contains("path=" + file));
      assertThat(h.registry().scrape().stream().map(s -> s.getMetadata().getPrometheusName()))
          .contains("prometheus_sd_file_read_errors");

      write(file, "[{\"targets\": [\"b:2\"]}]");
      h.awaitHealth(Health.State.HEALTHY);
      awaitTargets(h, List.of(target("g:1", good), target("b:2", file)), "the repaired file");
    }
  }

  @Test
  void aRemovedFileDropsItsTargets() throws Exception {
    Path keep = write(dir.resolve("keep.json"), "[{\"targets\": [\"k:1\"]}]");
    Path gone = write(dir.resolve("gone.json"), "[{\"targets\": [\"g:1\"]}]");
    try (var h =
        ComponentHarness.start(
            DiscoveryFile.REGISTRATION,
            "discovery.file \"x\" {\n  files = [\"" + dir + "/*.json\"]\n}\n")) {
      assertThat(targets(h)).containsExactly(target("g:1", gone), target("k:1", keep));
      awaitWatching(h);
      Files.delete(gone);
      awaitTargets(h, List.of(target("k:1", keep)), "only the remaining file's targets");
      assertThat(h.health().state()).isEqualTo(Health.State.HEALTHY);
    }
  }

  @Test
  void aMissingFileIsNoErrorAndIsReadWhenItAppears() throws Exception {
    Path file = dir.resolve("later.yaml");
    try (var h =
        ComponentHarness.start(
            DiscoveryFile.REGISTRATION, block("  refresh_interval = \"1h\"\n", file))) {
      assertThat(targets(h)).isEmpty();
      assertThat(h.health().state()).isEqualTo(Health.State.HEALTHY);
      awaitWatching(h);
      write(file, "- targets: [\"x:1\"]\n");
      awaitTargets(h, List.of(target("x:1", file)), "the new file's targets");
    }
  }

  @Test
  void anUpdateReadsTheNewFiles() throws Exception {
    Path a = write(dir.resolve("a.json"), "[{\"targets\": [\"a:1\"]}]");
    Path b = write(dir.resolve("b.json"), "[{\"targets\": [\"b:1\"]}]");
    try (var h = ComponentHarness.start(DiscoveryFile.REGISTRATION, block("", a))) {
      assertThat(targets(h)).containsExactly(target("a:1", a));
      h.update(block("", b));
      assertThat(targets(h)).containsExactly(target("b:1", b));
    }
  }

  @Test
  void decodesWithDefaults() {
    Decoded<DiscoveryFile.Arguments> decoded =
        ComponentHarness.decode(
            DiscoveryFile.REGISTRATION,
            """
            discovery.file "x" {
              files = ["/etc/prometheus/targets/*.json", "static.yml"]
            }
            """);
    assertThat(decoded.diagnostics().asList()).isEmpty();
    assertThat(decoded.value())
        .contains(
            new DiscoveryFile.Arguments(
                List.of("/etc/prometheus/targets/*.json", "static.yml"), Duration.ofMinutes(5)));
    assertThat(decoded.value().orElseThrow())
        .isEqualTo(DiscoveryFile.Arguments.of("/etc/prometheus/targets/*.json", "static.yml"));
  }

  @Test
  void decodesTheRefreshInterval() {
    Decoded<DiscoveryFile.Arguments> decoded =
        ComponentHarness.decode(
            DiscoveryFile.REGISTRATION,
            "discovery.file \"x\" {\n files = [\"a.json\"]\n refresh_interval = \"30s\"\n}");
    assertThat(decoded.value().orElseThrow().refreshInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rejectsWhatPrometheusCannotRead() {
    assertThat(messages("files = [\"/a/*/b.json\"]"))
        .anyMatch(m -> m.contains("path name \"/a/*/b.json\" is not valid for file discovery"));
    assertThat(messages("files = [\"targets.txt\"]"))
        .anyMatch(m -> m.contains("path name \"targets.txt\" is not valid for file discovery"));
    assertThat(messages("files = [\"a.json\"]\nrefresh_interval = \"0s\""))
        .anyMatch(m -> m.contains("refresh_interval must be greater than 0"));
    assertThat(messages("")).anyMatch(m -> m.startsWith("missing required "));
  }

  private static List<String> messages(String body) {
    return ComponentHarness.decode(
            DiscoveryFile.REGISTRATION, "discovery.file \"x\" {\n" + body + "\n}")
        .diagnostics()
        .asList()
        .stream()
        .map(Diagnostic::message)
        .toList();
  }
}
