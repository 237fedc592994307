package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OutputStageTest {
  private static final String JSON =
      "stage.json { expressions = { msg = \"\", n = \"\", nil = \"\" } }\n";

  static Stream<Case> cases() {
    return Stream.of(
        Case.of("replaces the line")
            .stages(JSON + "stage.output { source = \"msg\" }")
            .input("{\"msg\":\"hello\"}")
            .line("hello"),
        Case.of("a number becomes text")
            .stages(JSON + "stage.output { source = \"n\" }")
            .input("{\"n\":1e3}")
            .line("1000"),
        Case.of("missing source keeps the line")
            .stages("stage.output { source = \"missing\" }")
            .input("original")
            .line("original"),
        Case.of("null keeps the line")
            .stages(JSON + "stage.output { source = \"nil\" }")
            .input("{\"nil\":null}")
            .line("{\"nil\":null}"),
        Case.of("a label is a source too")
            .stages("stage.output { source = \"job\" }")
            .input("original", "job", "api")
            .line("api"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outputs(Case c) throws Exception {
    c.check();
  }

  @Test
  void sourceIsRequired() {
    assertThat(StageTesting.errors("stage.output { source = \"\" }"))
        .containsExactly("output source value is required");
    assertThat(StageTesting.errors("stage.output {}"))
        .containsExactly("missing required attribute \"source\"");
  }
}
