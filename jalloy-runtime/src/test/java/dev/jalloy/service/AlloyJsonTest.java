package dev.jalloy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.decode.BodyEntry;
import dev.jalloy.syntax.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from upstream's {@code syntax/encoding/alloyjson/alloyjson_test.go}, plus Go floats. */
class AlloyJsonTest {
  private static String json(Value v) {
    return new String(AlloyJson.value(v), StandardCharsets.UTF_8);
  }

  @Test
  void values() {
    assertThat(json(Value.NULL)).isEqualTo("{\"type\":\"null\",\"value\":null}");
    assertThat(json(Value.number(54L))).isEqualTo("{\"type\":\"number\",\"value\":54}");
    assertThat(json(Value.string("Hello, world!")))
        .isEqualTo("{\"type\":\"string\",\"value\":\"Hello, world!\"}");
    assertThat(json(Value.TRUE)).isEqualTo("{\"type\":\"bool\",\"value\":true}");
    assertThat(json(Value.array(Value.string("testing"), Value.array(Value.number(0L)))))
        .isEqualTo(
            "{\"type\":\"array\",\"value\":[{\"type\":\"string\",\"value\":\"testing\"},"
                + "{\"type\":\"array\",\"value\":[{\"type\":\"number\",\"value\":0}]}]}");
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("year", Value.number(2023L));
    m.put("foo", Value.string("bar"));
    assertThat(json(Value.object(m)))
        .isEqualTo(
            "{\"type\":\"object\",\"value\":[{\"key\":\"foo\",\"value\":{\"type\":\"string\","
                + "\"value\":\"bar\"}},{\"key\":\"year\",\"value\":{\"type\":\"number\","
                + "\"value\":2023}}]}");
    assertThat(json(Value.EMPTY_ARRAY)).isEqualTo("{\"type\":\"array\",\"value\":[]}");
    assertThat(json(Value.EMPTY_OBJECT)).isEqualTo("{\"type\":\"object\",\"value\":[]}");
    assertThat(json(Value.secret("foo")))
        .isEqualTo("{\"type\":\"capsule\",\"value\":\"(secret)\"}");
    assertThat(json(Value.optionalSecret("foo", true)))
        .isEqualTo("{\"type\":\"capsule\",\"value\":\"(secret)\"}");
    assertThat(json(Value.optionalSecret("foo", false)))
        .isEqualTo("{\"type\":\"capsule\",\"value\":\"\\\"foo\\\"\"}");
    assertThat(json(Value.capsule("loki.LogsReceiver", new Object())))
        .isEqualTo("{\"type\":\"capsule\",\"value\":\"capsule(\\\"loki.LogsReceiver\\\")\"}");
  }

  @Test
  void blocksWithAndWithoutLabels() {
    List<BodyEntry> body =
        List.of(
            new BodyEntry.Attribute("number", Value.number(5L)),
            new BodyEntry.Nested(
                "labeled_block",
                "label_a",
                List.of(new BodyEntry.Attribute("boolean", Value.TRUE))),
            new BodyEntry.Nested("inner_block", "", List.of()));
    assertThat(new String(AlloyJson.body(body), StandardCharsets.UTF_8))
        .isEqualTo(
            "[{\"name\":\"number\",\"type\":\"attr\",\"value\":{\"type\":\"number\",\"value\":5}},"
                + "{\"name\":\"labeled_block\",\"type\":\"block\",\"label\":\"label_a\","
                + "\"body\":[{\"name\":\"boolean\",\"type\":\"attr\",\"value\":{\"type\":\"bool\","
                + "\"value\":true}}]},{\"name\":\"inner_block\",\"type\":\"block\",\"body\":[]}]");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0.0, 0",
    "-0.0, -0",
    "1.0, 1",
    "0.5, 0.5",
    "1234567.0, 1234567",
    "1.0E20, 100000000000000000000",
    "1.0E21, 1e+21",
    "1.5E300, 1.5e+300",
    "0.000001, 0.000001",
    "1.0E-7, 1e-7",
    "-2.5E-10, -2.5e-10",
    "9.223372036854776E18, 9223372036854776000",
    "0.1, 0.1",
  })
  void goFloats(double in, String expected) {
    assertThat(AlloyJson.goFloat(in)).isEqualTo(expected);
  }
}
