package dev.jalloy.component.local.filematch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.testkit.ComponentHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocalFileMatchTest {
  @TempDir Path root;

  private static final List<String> FILES =
      List.of(
          "a.log",
          "b.txt",
          "c.log.1",
          "x/d.log",
          "x/y/e.log",
          "x/y/z/f.log",
          "x/y/g.txt",
          "w/h.log",
          "[k].log",
          ".hidden.log");

  @BeforeEach
  void tree() throws IOException {
    for (String f : FILES) {
      Path p = root.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x\n");
    }
    Files.createDirectories(root.resolve("dir.log"));
  }

  static Stream<Arguments> globs() {
    return Stream.of(
        Arguments.of(
            "star in last element", "*.log", "", List.of(".hidden.log", "[k].log", "a.log")),
        Arguments.of("question mark", "?.log", "", List.of("a.log")),
        Arguments.of("class", "[ab].*", "", List.of("a.log", "b.txt")),
        Arguments.of("negated class", "[!a].txt", "", List.of("b.txt")),
        Arguments.of("escaped bracket", "\\[k\\].log", "", List.of("[k].log")),
        Arguments.of(
            "double star any depth",
            "**/*.log",
            "",
            List.of(
                ".hidden.log",
                "[k].log",
                "a.log",
                "w/h.log",
                "x/d.log",
                "x/y/e.log",
                "x/y/z/f.log")),
        Arguments.of("double star middle", "x/**/e.log", "", List.of("x/y/e.log")),
        Arguments.of("double star zero dirs", "x/**/d.log", "", List.of("x/d.log")),
        Arguments.of("alternatives", "x/y/*.{log,txt}", "", List.of("x/y/e.log", "x/y/g.txt")),
        Arguments.of("alternatives of dirs", "{w,x}/*.log", "", List.of("w/h.log", "x/d.log")),
        Arguments.of("exclude", "x/**/*.log", "**/z/*", List.of("x/d.log", "x/y/e.log")),
        Arguments.of("exclude by name", "*.log", "a.*", List.of(".hidden.log", "[k].log")),
        Arguments.of("literal file", "a.log", "", List.of("a.log")),
        Arguments.of("missing literal", "nope.log", "", List.of()),
        Arguments.of(
            "directories skipped",
            "*.log*",
            "",
            List.of(".hidden.log", "[k].log", "a.log", "c.log.1")),
        Arguments.of("missing base", "nope/**/*.log", "", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globs")
  void globTable(String name, String glob, String exclude, List<String> expected) {
    String excl = exclude.isEmpty() ? "" : root + "/" + exclude;
    Map<String, String> target =
        excl.isEmpty()
            ? Map.of("__path__", root + "/" + glob, "job", "j")
            : Map.of("__path__", root + "/" + glob, "__path_exclude__", excl, "job", "j");
    List<Map<String, String>> out =
        new FileMatcher(Clock.systemUTC(), m -> {}).expand(List.of(target), Duration.ZERO);
    List<String> paths = new ArrayList<>();
    for (Map<String, String> t : out) {
      assertThat(t).containsEntry("job", "j");
      if (!excl.isEmpty()) {
        assertThat(t).containsEntry("__path_exclude__", excl);
      }
      paths.add(root.relativize(Path.of(t.get("__path__"))).toString());
    }
    assertThat(paths).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void relativePatternsExportAbsolutePaths() {
    String rel = Path.of("").toAbsolutePath().relativize(root) + "/x/*.log";
    List<Map<String, String>> out =
        new FileMatcher(Clock.systemUTC(), m -> {})
            .expand(List.of(Map.of("__path__", rel)), Duration.ZERO);
    assertThat(out).extracting(t -> t.get("__path__")).containsExactly(root + "/x/d.log");
  }

  @Test
  void ignoreOlderThanSkipsStaleFiles() throws IOException {
    Files.setLastModifiedTime(
        root.resolve("a.log"), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    List<Map<String, String>> out =
        new FileMatcher(Clock.systemUTC(), m -> {})
            .expand(List.of(Map.of("__path__", root + "/?.log")), Duration.ofHours(1));
    assertThat(out).isEmpty();
  }

  @Test
  void symlinkLoopAndDanglingLinkAreSkipped() throws IOException {
    Path loop = root.resolve("x/loop");
    Files.createSymbolicLink(loop, root.resolve("x"));
    Files.createSymbolicLink(root.resolve("self.log"), root.resolve("self.log"));
    Files.createSymbolicLink(root.resolve("dangling.log"), root.resolve("gone"));
    List<Map<String, String>> out =
        new FileMatcher(Clock.systemUTC(), m -> {})
            .expand(List.of(Map.of("__path__", root + "/**/*.log")), Duration.ZERO);
    assertThat(out).extracting(t -> t.get("__path__")).doesNotContain(root + "/self.log");
    assertThat(out).hasSize(7);
  }

  @Test
  void badPatternIsReportedNotThrown() {
    List<String> errors = new ArrayList<>();
    List<Map<String, String>> out =
        new FileMatcher(Clock.systemUTC(), errors::add)
            .expand(List.of(Map.of("__path__", root + "/[a.log")), Duration.ZERO);
    assertThat(out).isEmpty();
    assertThat(errors).hasSize(1);
  }

  @Test
  void componentExportsAndRefreshes() throws Exception {
    try (var h =
        ComponentHarness.start(
            LocalFileMatch.REGISTRATION,
            "local.file_match \"t\" {\n  path_targets = [{\"__path__\" = \""
                + root
                + "/w/*.log\"}]\n  sync_period = \"20ms\"\n}")) {
      h.awaitExports(LocalFileMatch.Exports.class, e -> e.targets().size() == 1, "one file");
      Files.writeString(root.resolve("w/new.log"), "x");
      h.awaitExports(LocalFileMatch.Exports.class, e -> e.targets().size() == 2, "two files");
      int published = h.exportHistory().size();
      Thread.sleep(100); // several periods with nothing new
      assertThat(h.exportHistory()).hasSize(published);
    }
  }
}
