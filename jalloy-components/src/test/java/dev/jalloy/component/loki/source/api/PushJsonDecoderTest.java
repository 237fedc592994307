package dev.jalloy.component.loki.source.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.loki.write.wire.MalformedPushException;
import dev.jalloy.component.loki.write.wire.PushEntry;
import dev.jalloy.component.loki.write.wire.PushRequest;
import dev.jalloy.component.loki.write.wire.PushStream;
import dev.jalloy.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON push body of spec 7.2, case by case. */
class PushJsonDecoderTest {
  private static PushRequest decode(String json) throws MalformedPushException {
    return PushJsonDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of(
            "the spec example",
            """
            {"streams":[{"stream":{"job":"x","level":"info"},
                         "values":[["1700000000000000000","log line"],
                                   ["1700000000000000001","line 2",{"trace_id":"abc"}]]}]}
            """,
            List.of(
                new PushStream(
                    "{job=\"x\", level=\"info\"}",
                    List.of(
                        new PushEntry(1_700_000_000_000_000_000L, "log line", Labels.EMPTY),
                        new PushEntry(
                            1_700_000_000_000_000_001L, "line 2", Labels.of("trace_id", "abc")))))),
        Arguments.of(
            "integer timestamps, null metadata, unknown fields skipped",
            """
            {"extra":{"a":[1,2]},"streams":[{"x":1,"stream":{"a":"1"},
             "values":[[5,"l",null]]}]}
            """,
            List.of(new PushStream("{a=\"1\"}", List.of(new PushEntry(5, "l", Labels.EMPTY))))),
        Arguments.of(
            "escapes and unicode",
            """
            {"streams":[{"stream":{"a":"q\\"\\u00e9"},"values":[["1","tab\\there 😀"]]}]}
            """,
            List.of(
                new PushStream(
                    "{a=\"q\\\"é\"}", List.of(new PushEntry(1, "tab\there 😀", Labels.EMPTY))))),
        Arguments.of("no streams", "{}", List.of()),
        Arguments.of("null streams", "{\"streams\":null}", List.of()),
        Arguments.of(
            "a stream without values",
            "{\"streams\":[{\"stream\":{\"a\":\"1\"}}]}",
            List.of(new PushStream("{a=\"1\"}", List.of()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void decodes(String name, String json, List<PushStream> expected) throws Exception {
    assertThat(decode(json).streams()).isEqualTo(expected);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("not JSON", "hello", "invalid JSON push request"),
        Arguments.of("truncated", "{\"streams\":[{\"stream\":{", "invalid JSON push request"),
        Arguments.of("array body", "[]", "expected an object for the body but found an array"),
        Arguments.of(
            "timestamp not a number string",
            "{\"streams\":[{\"stream\":{\"a\":\"1\"},\"values\":[[\"yesterday\",\"l\"]]}]}",
            "timestamp yesterday is not a string of Unix nanoseconds"),
        Arguments.of(
            "line missing",
            "{\"streams\":[{\"stream\":{\"a\":\"1\"},\"values\":[[\"1\"]]}]}",
            "expected a string for a log line"),
        Arguments.of(
            "four elements",
            "{\"streams\":[{\"stream\":{\"a\":\"1\"},\"values\":[[\"1\",\"l\",{},1]]}]}",
            "a value must be [timestamp, line]"),
        Arguments.of(
            "label value not a string",
            "{\"streams\":[{\"stream\":{\"a\":1},\"values\":[]}]}",
            "expected a string for the value of a in stream"),
        Arguments.of(
            "metadata value not a string",
            "{\"streams\":[{\"stream\":{\"a\":\"1\"},\"values\":[[\"1\",\"l\",{\"k\":true}]]}]}",
            "in structured metadata"),
        Arguments.of("trailing data", "{} {}", "unexpected data after the JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejects(String name, String json, String message) {
    assertThatThrownBy(() -> decode(json))
        .isInstanceOf(MalformedPushException.class)
        .hasMessageContaining(message);
  }
}
