package dev.jalloy.syntax.value;

import static dev.jalloy.syntax.value.V.arr;
import static dev.jalloy.syntax.value.V.b;
import static dev.jalloy.syntax.value.V.f;
import static dev.jalloy.syntax.value.V.i;
import static dev.jalloy.syntax.value.V.obj;
import static dev.jalloy.syntax.value.V.opt;
import static dev.jalloy.syntax.value.V.s;
import static dev.jalloy.syntax.value.V.sec;
import static dev.jalloy.syntax.value.V.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jalloy.syntax.go.ByteSize;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Assignment conversions of Alloy's syntax/internal/value convertValue and decode. */
class ConversionsTest {

  static Stream<Arguments> conversions() {
    return Stream.of(
        Arguments.of(i(5), ValueType.STRING, s("5")),
        Arguments.of(i(-5), ValueType.STRING, s("-5")),
        Arguments.of(u(-1L), ValueType.STRING, s("18446744073709551615")),
        Arguments.of(f(1.5), ValueType.STRING, s("1.5")),
        Arguments.of(f(100), ValueType.STRING, s("100")),
        Arguments.of(f(1e21), ValueType.STRING, s("1000000000000000000000")),
        Arguments.of(s("42"), ValueType.NUMBER, u(42)),
        Arguments.of(s("-42"), ValueType.NUMBER, i(-42)),
        Arguments.of(s("1.5"), ValueType.NUMBER, f(1.5)),
        Arguments.of(s("1e3"), ValueType.NUMBER, f(1000)),
        Arguments.of(s("+1.5"), ValueType.NUMBER, f(1.5)),
        Arguments.of(s("007"), ValueType.NUMBER, u(7)), // base 10 here, not octal
        Arguments.of(opt("x", false), ValueType.STRING, s("x")),
        Arguments.of(opt("12", false), ValueType.NUMBER, u(12)),
        Arguments.of(s("same"), ValueType.STRING, s("same")),
        Arguments.of(arr(), ValueType.ARRAY, arr()),
        Arguments.of(sec("x"), ValueType.CAPSULE, sec("x")));
  }

  @ParameterizedTest(name = "{0} as {1} = {2}")
  @MethodSource("conversions")
  void convert(Value v, ValueType target, Value expected) {
    assertThat(Conversions.convert(v, target)).isEqualTo(expected);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(s(""), ValueType.NUMBER, "expected number, got string"),
        Arguments.of(s("abc"), ValueType.NUMBER, "expected number, got string"),
        Arguments.of(s("-1.5"), ValueType.NUMBER, "expected number, got string"), // '-' means int
        Arguments.of(s("+5"), ValueType.NUMBER, "expected number, got string"),
        Arguments.of(s("0x10"), ValueType.NUMBER, "expected number, got string"),
        Arguments.of(s(" 5"), ValueType.NUMBER, "expected number, got string"),
        Arguments.of(s("18446744073709551616"), ValueType.NUMBER, "expected number, got string"),
        Arguments.of(s("1e400"), ValueType.NUMBER, "expected number, got string"),
        Arguments.of(sec("x"), ValueType.STRING, "secrets may not be converted into strings"),
        Arguments.of(opt("x", true), ValueType.STRING, "secrets may not be converted into strings"),
        Arguments.of(b(true), ValueType.STRING, "expected string, got bool"),
        Arguments.of(s("true"), ValueType.BOOL, "expected bool, got string"),
        Arguments.of(Value.NULL, ValueType.STRING, "expected string, got null"),
        Arguments.of(arr(), ValueType.OBJECT, "expected object, got array"),
        Arguments.of(i(1), ValueType.ARRAY, "expected array, got number"));
  }

  @ParameterizedTest(name = "{0} as {1} fails: {2}")
  @MethodSource("failures")
  void convertFails(Value v, ValueType target, String message) {
    assertThatThrownBy(() -> Conversions.convert(v, target))
        .isInstanceOf(ValueError.class)
        .hasMessage(message);
  }

  @Test
  void decodingTreatsNullAsTheZeroValue() {
    assertThat(Conversions.asString(Value.NULL)).isEmpty();
    assertThat(Conversions.asNumber(Value.NULL)).isEqualTo(i(0));
    assertThat(Conversions.asBool(Value.NULL)).isFalse();
    assertThat(Conversions.asArray(Value.NULL)).isEmpty();
    assertThat(Conversions.asObject(Value.NULL)).isEmpty();
    assertThat(Conversions.asDuration(Value.NULL)).isEqualTo(Duration.ZERO);
    assertThat(Conversions.asByteSize(Value.NULL)).isEqualTo(new ByteSize(0));
  }

  @Test
  void decodingConvertsLikeAssignment() {
    assertThat(Conversions.asString(i(5))).isEqualTo("5");
    assertThat(Conversions.asString(opt("v", false))).isEqualTo("v");
    assertThat(Conversions.asLong(s("-3"))).isEqualTo(-3);
    assertThat(Conversions.asDouble(s("2.5"))).isEqualTo(2.5);
    assertThat(Conversions.asArray(arr(i(1)))).containsExactly(i(1));
    assertThat(Conversions.asObject(obj("a", i(1)))).isEqualTo(Map.of("a", i(1)));
    assertThat(Conversions.asStringList(arr(i(1), s("a"), f(1.5))))
        .isEqualTo(List.of("1", "a", "1.5"));
  }

  @Test
  void secretsConvertOneWay() {
    assertThat(Conversions.asSecret(s("pw"))).isEqualTo(sec("pw"));
    assertThat(Conversions.asSecret(opt("pw", false))).isEqualTo(sec("pw"));
    assertThat(Conversions.asOptionalSecret(s("pw"))).isEqualTo(opt("pw", false));
    assertThat(Conversions.asOptionalSecret(sec("pw"))).isEqualTo(opt("pw", true));
    assertThatThrownBy(() -> Conversions.asString(sec("pw")))
        .hasMessage("secrets may not be converted into strings");
    assertThatThrownBy(() -> Conversions.asString(opt("pw", true)))
        .hasMessage("secrets may not be converted into strings");
    assertThatThrownBy(() -> Conversions.asSecret(i(1))).hasMessage("expected capsule, got number");
    assertThatThrownBy(() -> Conversions.asOptionalSecret(b(true)))
        .hasMessage("expected capsule, got bool");
  }

  @Test
  void durationsAndSizesUseGoParsers() {
    assertThat(Conversions.asDuration(s("1h30m"))).isEqualTo(Duration.ofMinutes(90));
    assertThat(Conversions.asByteSize(s("1MB"))).isEqualTo(new ByteSize(1 << 20));
    assertThatThrownBy(() -> Conversions.asDuration(s("1d")))
        .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    // A number becomes the string "5" first, which has no unit.
    assertThatThrownBy(() -> Conversions.asDuration(i(5)))
        .hasMessage("time: missing unit in duration \"5\"");
  }

  @Test
  void listElementErrorsNameTheElement() {
    ValueError e =
        catchThrowableOfType(ValueError.class, () -> Conversions.asStringList(arr(s("a"), arr())));
    assertThat(e).hasMessage("expected string, got array");
    assertThat(e.path()).containsExactly(new ValueError.Element(1));
    assertThat(e.value()).isEqualTo(arr());
  }
}
