package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StructuredMetadataStageTest {
  private static final String JSON =
      "stage.json { expressions = { trace_id = \"\", span = \"\", obj = \"\" } }\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "extracted values by name",
            JSON + "stage.structured_metadata { values = { trace_id = \"\", s = \"span\" } }",
            "{\"trace_id\":\"abc\",\"span\":1}",
            new String[] {"job", "j"},
            Map.of("trace_id", "abc", "s", "1"),
            Map.of("job", "j")),
        Arguments.of(
            "labels named as sources move to metadata",
            "stage.structured_metadata { values = { pod = \"\" } }",
            "x",
            new String[] {"job", "j", "pod", "p1"},
            Map.of("pod", "p1"),
            Map.of("job", "j")),
        Arguments.of(
            "regex matches extracted names and remaining labels",
            JSON + "stage.structured_metadata { regex = \"^(trace_|k8s_)\" }",
            "{\"trace_id\":\"abc\"}",
            new String[] {"job", "j", "k8s_node", "n1"},
            Map.of("trace_id", "abc", "k8s_node", "n1"),
            Map.of("job", "j")),
        Arguments.of(
            "missing and null values are skipped",
            JSON + "stage.structured_metadata { values = { obj = \"\", none = \"\" } }",
            "{\"obj\":null}",
            new String[] {"job", "j"},
            Map.of(),
            Map.of("job", "j")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void moves(
      String name,
      String stages,
      String line,
      String[] labels,
      Map<String, String> metadata,
      Map<String, String> labelsAfter)
      throws Exception {
    var out = new StageTesting.Run(stages).send(StageTesting.entry(line, labels));
    assertThat(out).hasSize(1);
    assertThat(out.getFirst().structuredMetadata).as(name).isEqualTo(metadata);
    assertThat(out.getFirst().labels).as(name).isEqualTo(labelsAfter);
  }
}
