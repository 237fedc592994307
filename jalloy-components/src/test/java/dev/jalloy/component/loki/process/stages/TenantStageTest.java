package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TenantStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("fixed value")
            .stages("stage.tenant { value = \"team-a\" }")
            .input("x", "job", "j")
            .labels("job", "j", "__tenant_id__", "team-a"),
        Case.of("from an extracted value")
            .stages(
                "stage.json { expressions = { customer_id = \"\" } }\n"
                    + "stage.tenant { source = \"customer_id\" }")
            .input("{\"customer_id\":42}")
            .labels("__tenant_id__", "42"),
        Case.of("from a label")
            .stages("stage.tenant { label = \"namespace\" }")
            .input("x", "namespace", "ns1")
            .labels("namespace", "ns1", "__tenant_id__", "ns1"),
        Case.of("missing source leaves the tenant alone")
            .stages("stage.tenant { source = \"nope\" }")
            .input("x", "__tenant_id__", "old")
            .labels("__tenant_id__", "old"),
        Case.of("missing label leaves the tenant alone")
            .stages("stage.tenant { label = \"nope\" }")
            .input("x")
            .labels());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void setsTenant(Case c) throws Exception {
    c.check();
  }

  @Test
  void exactlyOneOfLabelSourceValue() {
    assertThat(StageTesting.errors("stage.tenant {}"))
        .containsExactly("label, source or value config are required");
    assertThat(StageTesting.errors("stage.tenant {\n value = \"a\"\n source = \"b\"\n}"))
        .containsExactly(
            "label, source and value are mutually exclusive: you should set source, value or"
                + " label but not all");
  }
}
