package dev.jalloy.syntax.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from Go's time/time_test.go (parseDurationTests, durationTests). */
class GoDurationTest {
  private static final long NS = 1;
  private static final long US = 1_000;
  private static final long MS = 1_000_000;
  private static final long S = 1_000_000_000;
  private static final long M = 60 * S;
  private static final long H = 60 * M;

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("0", 0L),
        Arguments.of("5s", 5 * S),
        Arguments.of("30s", 30 * S),
        Arguments.of("1478s", 1478 * S),
        Arguments.of("-5s", -5 * S),
        Arguments.of("+5s", 5 * S),
        Arguments.of("-0", 0L),
        Arguments.of("+0", 0L),
        Arguments.of("5.0s", 5 * S),
        Arguments.of("5.6s", 5 * S + 600 * MS),
        Arguments.of("5.s", 5 * S),
        Arguments.of(".5s", 500 * MS),
        Arguments.of("1.004s", 1004 * MS),
        Arguments.of("100.00100s", 100 * S + MS),
        Arguments.of("10ns", 10 * NS),
        Arguments.of("11us", 11 * US),
        Arguments.of("12\u00b5s", 12 * US),
        Arguments.of("12\u03bcs", 12 * US),
        Arguments.of("13ms", 13 * MS),
        Arguments.of("15m", 15 * M),
        Arguments.of("16h", 16 * H),
        Arguments.of("3h30m", 3 * H + 30 * M),
        Arguments.of("10.5s4m", 4 * M + 10 * S + 500 * MS),
        Arguments.of("-2m3.4s", -(2 * M + 3 * S + 400 * MS)),
        Arguments.of("1h2m3s4ms5us6ns", H + 2 * M + 3 * S + 4 * MS + 5 * US + 6 * NS),
        Arguments.of("39h9m14.425s", 39 * H + 9 * M + 14 * S + 425 * MS),
        Arguments.of("52763797000ns", 52763797000L),
        Arguments.of("0.3333333333333333333h", 20 * M),
        Arguments.of("9007199254740993ns", (1L << 53) + 1),
        Arguments.of("9223372036854775807ns", Long.MAX_VALUE),
        Arguments.of("9223372036854775.807us", Long.MAX_VALUE),
        Arguments.of("9223372036s854ms775us807ns", Long.MAX_VALUE),
        Arguments.of("-9223372036854775808ns", Long.MIN_VALUE),
        Arguments.of("-9223372036854775.808us", Long.MIN_VALUE),
        Arguments.of("0.100000000000000000000h", 6 * M),
        Arguments.of("0.830103483285477580700h", 49 * M + 48 * S + 372539827 * NS));
  }

  @ParameterizedTest(name = "ParseDuration({0}) = {1}ns")
  @MethodSource("valid")
  void parses(String text, long nanos) {
    assertThat(GoDuration.parseNanos(text)).isEqualTo(nanos);
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "time: invalid duration \"\""),
        Arguments.of("3", "time: missing unit in duration \"3\""),
        Arguments.of("-", "time: invalid duration \"-\""),
        Arguments.of("s", "time: invalid duration \"s\""),
        Arguments.of(".", "time: invalid duration \".\""),
        Arguments.of("-.", "time: invalid duration \"-.\""),
        Arguments.of(".s", "time: invalid duration \".s\""),
        Arguments.of("+.s", "time: invalid duration \"+.s\""),
        Arguments.of("1d", "time: unknown unit \"d\" in duration \"1d\""),
        Arguments.of("1h1d", "time: unknown unit \"d\" in duration \"1h1d\""),
        Arguments.of("5 s", "time: unknown unit \" s\" in duration \"5 s\""),
        Arguments.of("\u00e9", "time: invalid duration \"\\xc3\\xa9\""),
        Arguments.of("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""),
        Arguments.of("9223372036854775.808us", "time: invalid duration \"9223372036854775.808us\""),
        Arguments.of(
            "9223372036854ms775us808ns", "time: invalid duration \"9223372036854ms775us808ns\""),
        Arguments.of(
            "-9223372036854775809ns", "time: invalid duration \"-9223372036854775809ns\""));
  }

  @ParameterizedTest(name = "ParseDuration({0}) fails: {1}")
  @MethodSource("invalid")
  void rejects(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of(0L, "0s"),
        Arguments.of(1 * NS, "1ns"),
        Arguments.of(1100 * NS, "1.1\u00b5s"),
        Arguments.of(2200 * US, "2.2ms"),
        Arguments.of(3300 * MS, "3.3s"),
        Arguments.of(250 * MS, "250ms"),
        Arguments.of(4 * M + 5 * S, "4m5s"),
        Arguments.of(4 * M + 5001 * MS, "4m5.001s"),
        Arguments.of(5 * H + 6 * M + 7001 * MS, "5h6m7.001s"),
        Arguments.of(8 * M + 1 * NS, "8m0.000000001s"),
        Arguments.of(H + 30 * M, "1h30m0s"),
        Arguments.of(-(H + 30 * M), "-1h30m0s"),
        Arguments.of(Long.MAX_VALUE, "2562047h47m16.854775807s"),
        Arguments.of(Long.MIN_VALUE, "-2562047h47m16.854775808s"));
  }

  @ParameterizedTest(name = "Duration({0}).String() = {1}")
  @MethodSource("strings")
  void formats(long nanos, String expected) {
    assertThat(GoDuration.formatNanos(nanos)).isEqualTo(expected);
    assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
  }
}
