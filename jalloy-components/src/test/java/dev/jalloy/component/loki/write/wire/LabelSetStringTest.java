package dev.jalloy.component.loki.write.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.model.Labels;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSetStringTest {
  static Stream<Arguments> rendered() {
    return Stream.of(
        Arguments.of("empty", Labels.EMPTY, "{}"),
        Arguments.of(
            "names sorted, comma space",
            Labels.of("job", "varlogs", "filename", "/var/log/a.log"),
            "{filename=\"/var/log/a.log\", job=\"varlogs\"}"),
        Arguments.of(
            "Go quoting",
            Labels.of("a", "q\"b\\s\tt\nn\u0001c\u007fd"),
            "{a=\"q\\\"b\\\\s\\tt\\nn\\x01c\\x7fd\"}"),
        Arguments.of("printable unicode kept", Labels.of("a", "é✓😀"), "{a=\"é✓😀\"}"),
        Arguments.of(
            "non-printable unicode escaped",
            Labels.of("a", "\u200b\u00a0"),
            "{a=\"\\u200b\\u00a0\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendered")
  void formatsAsPrometheusLabelsString(String name, Labels labels, String expected)
      throws Exception {
    assertThat(LabelSetString.format(labels)).isEqualTo(expected);
    assertThat(LabelSetString.parse(expected)).isEqualTo(labels);
  }

  static Stream<Arguments> parsed() {
    return Stream.of(
        Arguments.of("{a=\"1\",b=\"2\"}", Labels.of("a", "1", "b", "2")),
        Arguments.of("  { b = \"2\" ,  a=\"1\" }  ", Labels.of("a", "1", "b", "2")),
        Arguments.of("{a=`raw \\n`}", Labels.of("a", "raw \\n")),
        Arguments.of("{a=\"\\u00e9\\101\\x41\"}", Labels.of("a", "éAA")),
        Arguments.of("{a=\"\"}", Labels.EMPTY));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("parsed")
  void parsesLokiLabelSets(String text, Labels expected) throws Exception {
    assertThat(LabelSetString.parse(text)).isEqualTo(expected);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "unexpected end"),
        Arguments.of("a=\"1\"", "expected {"),
        Arguments.of("{a=\"1\"", "unexpected end"),
        Arguments.of("{a=1}", "expected a quoted label value"),
        Arguments.of("{1a=\"1\"}", "expected a label name"),
        Arguments.of("{a=\"1\" b=\"2\"}", "expected , or }"),
        Arguments.of("{a=\"1\", a=\"2\"}", "duplicate label name a"),
        Arguments.of("{a=\"\\q\"}", "unknown escape"),
        Arguments.of("{a=\"1\"} x", "unexpected text after }"),
        Arguments.of("{a=~\"1\"}", "expected a quoted label value"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("malformed")
  void rejectsWithAClearMessage(String text, String message) {
    assertThatThrownBy(() -> LabelSetString.parse(text))
        .isInstanceOf(MalformedPushException.class)
        .hasMessageContaining("error parsing labels")
        .hasMessageContaining(message);
  }
}
