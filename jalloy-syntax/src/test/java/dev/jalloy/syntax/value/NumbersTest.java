package dev.jalloy.syntax.value;

import static dev.jalloy.syntax.value.V.f;
import static dev.jalloy.syntax.value.V.i;
import static dev.jalloy.syntax.value.V.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Literal parsing with Go's ParseInt(lit, 0, 64) → ParseUint → ParseFloat chain. */
class NumbersTest {

  static Stream<Arguments> numberLiterals() {
    return Stream.of(
        Arguments.of("0", i(0)),
        Arguments.of("10", i(10)),
        Arguments.of("010", i(8)), // octal, as Go's base 0 reads a leading zero
        Arguments.of("0777", i(511)),
        Arguments.of("09", f(9)), // not octal, not decimal for ParseInt: falls through to float
        Arguments.of("0x1F", i(31)),
        Arguments.of("0b101", i(5)),
        Arguments.of("0o17", i(15)),
        Arguments.of("1_000", i(1000)),
        Arguments.of("9223372036854775807", i(Long.MAX_VALUE)),
        Arguments.of("9223372036854775808", u(Long.MIN_VALUE)), // too big for int64: uint64
        Arguments.of("18446744073709551615", u(-1L)),
        Arguments.of("18446744073709551616", f(18446744073709551616.0)), // too big: float64
        Arguments.of("100000000000000000000000", f(1e23)));
  }

  @ParameterizedTest(name = "NUMBER {0} → {1}")
  @MethodSource("numberLiterals")
  void numberLiteral(String text, Value expected) {
    assertThat(Numbers.parseLiteral(text, false)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "FLOAT {0} → {1}")
  @CsvSource({"1.5, 1.5", ".5, 0.5", "1e3, 1000", "2.5E-3, 0.0025", "1., 1", "08.5, 8.5"})
  void floatLiteral(String text, double expected) {
    assertThat(Numbers.parseLiteral(text, true)).isEqualTo(f(expected));
  }

  @ParameterizedTest(name = "{0} is rejected: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1e400|strconv.ParseFloat: parsing \"1e400\": value out of range",
        "1e|strconv.ParseFloat: parsing \"1e\": invalid syntax",
        "abc|strconv.ParseFloat: parsing \"abc\": invalid syntax",
      })
  void badLiterals(String text, String message) {
    assertThatThrownBy(() -> Numbers.parseLiteral(text, true))
        .isInstanceOf(ValueError.class)
        .hasMessage(message);
  }

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of(i(-5), "-5"),
        Arguments.of(i(Long.MIN_VALUE), "-9223372036854775808"),
        Arguments.of(u(-1L), "18446744073709551615"),
        Arguments.of(f(1.5), "1.5"),
        Arguments.of(f(100), "100"),
        Arguments.of(f(0.1), "0.1"),
        Arguments.of(f(1e21), "1000000000000000000000"),
        Arguments.of(f(1e-7), "0.0000001"),
        Arguments.of(f(-0.0), "-0"),
        Arguments.of(f(Double.POSITIVE_INFINITY), "+Inf"),
        Arguments.of(f(Double.NaN), "NaN"));
  }

  @ParameterizedTest(name = "{0} formats as {1}")
  @MethodSource("formats")
  void format(Value.Number n, String expected) {
    assertThat(Numbers.format(n)).isEqualTo(expected);
    assertThat(n.toString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "uint64 {0} → float64 {1}")
  @CsvSource({
    "-1, 18446744073709551615",
    "-9223372036854775808, 9223372036854775808",
    "9007199254740993, 9007199254740992",
  })
  void unsignedToDouble(long bits, String decimal) {
    assertThat(Numbers.unsignedToDouble(bits)).isEqualTo(Double.parseDouble(decimal));
  }

  @ParameterizedTest(name = "ParseInt({0}) fails with {1}")
  @CsvSource({
    "'', invalid syntax",
    "1a, invalid syntax",
    "9223372036854775808, value out of range",
    "1__0, invalid syntax",
    "_1, invalid syntax"
  })
  void parseIntErrors(String text, String message) {
    assertThatThrownBy(() -> Numbers.parseInt(text))
        .isInstanceOf(NumberFormatException.class)
        .hasMessage(message);
  }
}
