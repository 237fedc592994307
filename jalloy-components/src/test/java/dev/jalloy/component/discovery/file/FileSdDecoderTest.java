package dev.jalloy.component.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.discovery.file.FileSdDecoder.TargetGroup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileSdDecoderTest {
  private static List<TargetGroup> decode(String name, String content) throws Exception {
    return FileSdDecoder.decode(name, content.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "t.json|[{\"targets\": [\"a:1\", \"b:2\"], \"labels\": {\"env\": \"prod\"}}]",
        "t.JSON|[{\"Targets\": [\"a:1\", \"b:2\"], \"LABELS\": {\"env\": \"prod\"}}]",
        "t.yml|- targets: [a:1, b:2]\n  labels: {env: prod}\n",
        "t.yaml|- targets:\n  - a:1\n  - b:2\n  labels:\n    env: prod\n",
      })
  void decodesOneGroup(String fileAndContent) throws Exception {
    String[] parts = fileAndContent.split("\\|", 2);
    assertThat(decode(parts[0], parts[1]))
        .containsExactly(new TargetGroup(List.of("a:1", "b:2"), Map.of("env", "prod")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"t.json|null", "t.json|[]", "t.yml|", "t.yml|[]", "t.yaml|# nothing\n"})
  void noGroups(String fileAndContent) throws Exception {
    String[] parts = fileAndContent.split("\\|", 2);
    assertThat(decode(parts[0], parts[1])).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "t.json | `[{\"targets\": [\"a\"], \"labels\": {\"a-b\": \"x\"}}]` | \"a-b\" is not a valid"
            + " label name",
        "t.yml | `- targets: [a]\n  labels: {1abc: x}\n` | \"1abc\" is not a valid label name",
        "t.json | `[{\"targets\": [\"a\"], \"extra\": 1}]` | json: unknown field \"extra\"",
        "t.yml | `- targets: [a]\n  extra: 1\n` | line 2: field extra not found",
        "t.json | `[null]` | nil target group item found",
        "t.json | `` | unexpected end of JSON input",
        "t.json | `{\"targets\": []}` | json: cannot unmarshal object into Go value of type"
            + " []*targetgroup.Group",
        "t.json | `[{\"targets\": [1]}]` | json: cannot unmarshal number into Go value of type"
            + " string",
        "t.yml | `- targets: a\n` | cannot unmarshal !!str `a` into []string",
        "t.yml | `- targets: [a\n` | yaml: ",
        "t.txt | `[]` | unhandled file extension \".txt\"",
      })
  void rejects(String file, String content, String message) {
    assertThatThrownBy(() -> decode(file, content))
        .isInstanceOf(FileSdDecoder.DecodeException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"- targets: [8080, true]\n  labels: {port: 8080}\n"})
  void yamlScalarsAreTakenAsWritten(String content) throws Exception {
    assertThat(decode("t.yml", content))
        .containsExactly(new TargetGroup(List.of("8080", "true"), Map.of("port", "8080")));
  }
}
