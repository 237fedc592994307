package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StaticLabelsStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("adds")
            .stages("stage.static_labels { values = { env = \"prod\", team = \"sre\" } }")
            .input("x", "job", "a")
            .labels("env", "prod", "job", "a", "team", "sre"),
        Case.of("overrides")
            .stages("stage.static_labels { values = { job = \"b\" } }")
            .input("x", "job", "a")
            .labels("job", "b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void setsLabels(Case c) throws Exception {
    c.check();
  }

  @Test
  void configErrors() {
    assertThat(StageTesting.errors("stage.static_labels { values = {} }"))
        .containsExactly("static_labels stage config cannot be empty");
    assertThat(StageTesting.errors("stage.static_labels { values = { \"1x\" = \"a\" } }"))
        .containsExactly("invalid label name: 1x");
  }
}
