package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabelsStageTest {
  private static final String JSON =
      "stage.json { expressions = { level = \"\", n = \"\", f = \"\", ok = \"\", obj = \"\","
          + " nil = \"\" } }\n";

  static Stream<Case> cases() {
    return Stream.of(
        Case.of("strings, with the same-name shorthand and a renamed source")
            .stages(JSON + "stage.labels { values = { level = \"\", severity = \"level\" } }")
            .input("{\"level\":\"info\"}", "job", "x")
            .labels("job", "x", "level", "info", "severity", "info"),
        Case.of("numbers as Go formats floats, booleans as true/false")
            .stages(JSON + "stage.labels { values = { n = \"\", f = \"\", ok = \"\" } }")
            .input("{\"n\":200,\"f\":0.25,\"ok\":false}")
            .labels("n", "200", "f", "0.25", "ok", "false"),
        Case.of("objects arrive as JSON text, null and missing are skipped")
            .stages(JSON + "stage.labels { values = { obj = \"\", nil = \"\", missing = \"\" } }")
            .input("{\"obj\":{\"a\":1},\"nil\":null}")
            .labels("obj", "{\"a\":1}"),
        Case.of("null values are skipped")
            .stages(JSON + "stage.labels { values = { nil = \"\" } }")
            .input("{\"nil\":null}")
            .labels(),
        Case.of("existing labels are overwritten")
            .stages(JSON + "stage.labels { values = { level = \"\" } }")
            .input("{\"level\":\"warn\"}", "level", "info")
            .labels("level", "warn"),
        Case.of("from structured metadata")
            .stages(
                "stage.structured_metadata { values = { trace = \"\" } }\n"
                    + "stage.labels {\n values = { t = \"trace\" }\n source_type = \"structured_metadata\"\n}")
            .input("x", "trace", "abc")
            .labels("t", "abc"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void setsLabels(Case c) throws Exception {
    c.check();
  }

  @Test
  void configErrors() {
    assertThat(StageTesting.errors("stage.labels { values = { \"bad-name\" = \"\" } }"))
        .containsExactly("invalid label name: bad-name");
    assertThat(
            StageTesting.errors(
                "stage.labels {\n values = { a = \"\" }\n source_type = \"labels\"\n}"))
        .containsExactly(
            "invalid labels source_type: labels. Can only be 'extracted' or 'structured_metadata'");
    assertThat(StageTesting.errors("stage.labels {}")).isNotEmpty();
  }
}
