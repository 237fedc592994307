package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabelDropStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("drops listed labels, ignores absent ones")
            .stages("stage.label_drop { values = [\"pod\", \"absent\"] }")
            .input("x", "job", "a", "pod", "p-1")
            .labels("job", "a")
            .extracted("pod", "p-1"),
        Case.of("dropping every label leaves an empty set")
            .stages("stage.label_drop { values = [\"job\"] }")
            .input("x", "job", "a")
            .labels());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void drops(Case c) throws Exception {
    c.check();
  }

  @Test
  void emptyIsAnError() {
    assertThat(StageTesting.errors("stage.label_drop { values = [] }"))
        .containsExactly("labeldrop stage config cannot be empty");
  }

  @Test
  void promtailAliasesAreNotAlloyStages() {
    assertThat(StageTesting.errors("stage.labeldrop { values = [\"a\"] }"))
        .containsExactly("unrecognized block name \"stage.labeldrop\"");
  }
}
