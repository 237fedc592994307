package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabelKeepStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("keeps only listed labels")
            .stages("stage.label_keep { values = [\"job\", \"absent\"] }")
            .input("x", "job", "a", "pod", "p-1", "__tenant_id__", "t")
            .labels("job", "a"),
        Case.of("keeps none when none listed is present")
            .stages("stage.label_keep { values = [\"nope\"] }")
            .input("x", "job", "a")
            .labels());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keeps(Case c) throws Exception {
    c.check();
  }

  @Test
  void emptyIsAnError() {
    assertThat(StageTesting.errors("stage.label_keep { values = [] }"))
        .containsExactly("labelallow stage config cannot be empty");
  }
}
