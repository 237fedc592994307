package dev.jalloy.component.loki.process.stages;

import static dev.jalloy.component.loki.process.stages.StageFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MatchStageTest {

  static Stream<Arguments> cases() {
    // Each entry: line, labels app=...; expected output lines and drops.
    return Stream.of(
        Arguments.of(
            "drop action drops matching entries with the default reason",
            """
            stage.match {
              selector = "{app=\\"a\\"} |= \\"debug\\""
              action   = "drop"
            }
            """,
            List.of("a:debug one", "a:info two", "b:debug three"),
            List.of("info two", "debug three"),
            Map.of("match_stage", 1)),
        Arguments.of(
            "drop action with a custom reason",
            """
            stage.match {
              selector            = "{app=~\\"a|b\\"}"
              action              = "drop"
              drop_counter_reason = "noisy"
            }
            """,
            List.of("a:x", "b:y", "c:z"),
            List.of("z"),
            Map.of("noisy", 2)),
        Arguments.of(
            "keep runs nested stages only on matching entries",
            """
            stage.match {
              selector = "{app=\\"a\\"}"
              stage.drop {
                expression = "secret"
              }
            }
            """,
            List.of("a:secret one", "b:secret two", "a:public"),
            List.of("secret two", "public"),
            Map.of("drop_stage", 1)),
        Arguments.of(
            "nested match inside keep",
            """
            stage.match {
              selector      = "{app=\\"a\\"}"
              pipeline_name = "outer"
              stage.match {
                selector = "{app=\\"a\\"} !~ \\"keep\\""
                action   = "drop"
              }
            }
            """,
            List.of("a:keep me", "a:lose me", "b:lose me"),
            List.of("keep me", "lose me"),
            Map.of("match_stage", 1)));
  }

  /** Nested stages change matching entries only, and nested held entries come out on flush. */
  @ParameterizedTest(name = "flush all = {0}")
  @CsvSource({"false, 'A:1'", "true, 'A:1|A:3/ 4|B:2'"})
  void nestedStagesChangeAndFlush(boolean all, String expected) throws InterruptedException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx();
    var stage =
        StageFixtures.config(
                """
                stage.match {
                  selector = "{app=~\\"a|b\\"}"
                  stage.template {
                    source   = "up"
                    template = "{{ ToUpper .app }}"
                  }
                  stage.multiline {
                    firstline = "^\\\\d"
                  }
                }
                """)
            .build(ctx.context);
    java.util.List<PipelineEntry> out = new java.util.ArrayList<>();
    for (String s : List.of("a:1", "b:2", "a:3", "a: 4", "c:5")) {
      stage.process(entry(s.substring(2), 1, "app", s.substring(0, 1)), out::add);
    }
    stage.flush(out::add, all);
    // c is not selected: it passes straight through, untouched by the nested stages.
    PipelineEntry c = out.stream().filter(e -> e.line.equals("5")).findFirst().orElseThrow();
    assertThat(c.extracted).doesNotContainKey("up");
    out.remove(c);
    assertThat(
            String.join(
                "|",
                out.stream()
                    .map(e -> e.extracted.get("up") + ":" + e.line.replace("\n", "/"))
                    .toList()))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void process(
      String name,
      String alloy,
      List<String> input,
      List<String> expected,
      Map<String, Integer> drops)
      throws InterruptedException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx();
    var stage = StageFixtures.config(alloy).build(ctx.context);
    PipelineEntry[] entries =
        input.stream()
            .map(s -> entry(s.substring(2), 1, "app", s.substring(0, 1)))
            .toArray(PipelineEntry[]::new);
    assertThat(StageFixtures.run(stage, entries)).extracting(e -> e.line).isEqualTo(expected);
    assertThat(ctx.drops).isEqualTo(drops);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u00a4',
      textBlock =
          """
          selector = "" \\n stage.drop {\\n expression = "x"\\n}                      | selector statement required for match stage
          selector = "{a=\\"b\\"}"                                               | match stage requires at least one additional stage to be defined in '- stages'
          selector = "{a=\\"b\\"}" \\n action = "drop" \\n stage.drop {\\n expression = "x"\\n} | match stage configured to drop entries cannot contains stages
          selector = "{a=\\"b\\"}" \\n action = "nope"                            | match stage action should be 'keep' or 'drop'
          selector = "{a=\\"b\\"" \\n action = "drop"                             | invalid selector syntax for match stage: parse error at line 1, col 7: syntax error: unexpected $end, expecting CLOSE_BRACE or COMMA
          """)
  void configErrors(String body, String message) {
    assertThat(StageFixtures.errors("stage.match {\n" + body.replace("\\n", "\n") + "\n}"))
        .contains(message);
  }
}
