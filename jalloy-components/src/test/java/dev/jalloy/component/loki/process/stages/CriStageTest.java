package dev.jalloy.component.loki.process.stages;

import static dev.jalloy.component.loki.process.stages.StageTesting.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CriStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("full line")
            .stages("stage.cri {}")
            .input("2019-04-30T02:12:41.8443515Z stdout F hello world", "job", "k8s")
            .line("hello world")
            .labels("job", "k8s", "stream", "stdout")
            .timestamp(1556590361844351500L)
            .extracted("flags", "")
            .extracted("stream", "stdout")
            .extracted("content", "hello world")
            .extracted("time", "2019-04-30T02:12:41.8443515Z"),
        Case.of("stderr, flag omitted, repeated spaces")
            .stages("stage.cri {}")
            .input("2019-04-30T02:12:41Z  stderr   oops")
            .line("oops")
            .labels("stream", "stderr"),
        Case.of("unparseable time keeps the timestamp")
            .stages("stage.cri {}")
            .input("yesterday stdout F x")
            .line("x")
            .timestamp(StageTesting.T0)
            .extracted("time", "yesterday"),
        Case.of("not CRI passes unchanged")
            .stages("stage.cri {}")
            .input("2019-04-30T02:12:41Z stdin F x", "a", "b")
            .line("2019-04-30T02:12:41Z stdin F x")
            .labels("a", "b"),
        Case.of("empty content")
            .stages("stage.cri {}")
            .input("2019-04-30T02:12:41Z stdout F")
            .line(""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parses(Case c) throws Exception {
    c.check();
  }

  @Test
  void partialLinesJoinPerStreamUntilTheFullLine() throws Exception {
    var run = new StageTesting.Run("stage.cri {}");
    assertThat(run.send(entry("t stdout P hel"), entry("t stderr P err-"))).isEmpty();
    assertThat(run.send(entry("t stdout P lo "))).isEmpty();
    var out = run.send(entry("t stdout F world"));
    assertThat(out).extracting(e -> e.line).containsExactly("hello world");
    assertThat(run.send(entry("t stderr F out")))
        .extracting(e -> e.line)
        .containsExactly("err-out");
  }

  @Test
  void tooManyPartialStreamsAreReleasedAsTheyAre() throws Exception {
    var run = new StageTesting.Run("stage.cri { max_partial_lines = 1 }");
    assertThat(run.send(entry("t stdout P a"))).isEmpty();
    assertThat(run.send(entry("t stderr P b"))).extracting(e -> e.line).containsExactly("a");
    assertThat(run.flushAll()).extracting(e -> e.line).containsExactly("b");
  }

  @Test
  void truncatesJoinedLinesOnlyWhenAsked() throws Exception {
    var run =
        new StageTesting.Run(
            "stage.cri {\n max_partial_line_size = 4\n max_partial_line_size_truncate = true\n}");
    run.send(entry("t stdout P abc"));
    assertThat(run.send(entry("t stdout F def"))).extracting(e -> e.line).containsExactly("abcd");
    var plain = new StageTesting.Run("stage.cri { max_partial_line_size = 4 }");
    plain.send(entry("t stdout P abc"));
    assertThat(plain.send(entry("t stdout F def")))
        .extracting(e -> e.line)
        .containsExactly("abcdef");
  }

  @Test
  void periodicFlushKeepsPartialLines() throws Exception {
    var run = new StageTesting.Run("stage.cri {}");
    run.send(entry("t stdout P a"));
    java.util.List<PipelineEntry> out = new java.util.ArrayList<>();
    run.pipeline.flush(out::add, false);
    assertThat(out).isEmpty();
  }

  @Test
  void rejectsNonPositiveMaxPartialLines() {
    assertThat(StageTesting.errors("stage.cri { max_partial_lines = 0 }"))
        .containsExactly("max_partial_lines must be greater than 0");
  }
}
