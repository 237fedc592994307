package dev.jalloy.syntax.go;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from Go's strconv/ftoa_test.go and its documented FormatFloat behaviour. */
class GoFloatTest {

  static Stream<Arguments> goCases() {
    return Stream.of(
        Arguments.of(1.0, 'e', 5, "1.00000e+00"),
        Arguments.of(1.0, 'f', 5, "1.00000"),
        Arguments.of(1.0, 'g', 5, "1"),
        Arguments.of(1.0, 'g', -1, "1"),
        Arguments.of(20.0, 'g', -1, "20"),
        Arguments.of(1234567.8, 'g', -1, "1.2345678e+06"),
        Arguments.of(200000.0, 'g', -1, "200000"),
        Arguments.of(2000000.0, 'g', -1, "2e+06"),
        Arguments.of(1e10, 'g', -1, "1e+10"),
        Arguments.of(400.0, 'g', 2, "4e+02"),
        Arguments.of(40.0, 'g', 2, "40"),
        Arguments.of(4.0, 'g', 2, "4"),
        Arguments.of(.4, 'g', 2, "0.4"),
        Arguments.of(.04, 'g', 2, "0.04"),
        Arguments.of(.004, 'g', 2, "0.004"),
        Arguments.of(.0004, 'g', 2, "0.0004"),
        Arguments.of(.00004, 'g', 2, "4e-05"),
        Arguments.of(.000004, 'g', 2, "4e-06"),
        Arguments.of(0.0, 'e', 5, "0.00000e+00"),
        Arguments.of(0.0, 'f', 5, "0.00000"),
        Arguments.of(0.0, 'g', 5, "0"),
        Arguments.of(0.0, 'g', -1, "0"),
        Arguments.of(-1.0, 'e', 5, "-1.00000e+00"),
        Arguments.of(-1.0, 'f', 5, "-1.00000"),
        Arguments.of(-1.0, 'g', -1, "-1"),
        Arguments.of(12.0, 'e', 5, "1.20000e+01"),
        Arguments.of(123456700.0, 'e', 5, "1.23457e+08"),
        Arguments.of(1.2345e6, 'e', 5, "1.23450e+06"),
        Arguments.of(1e23, 'e', 17, "9.99999999999999916e+22"),
        Arguments.of(1e23, 'f', 17, "99999999999999991611392.00000000000000000"),
        Arguments.of(1e23, 'g', 17, "9.9999999999999992e+22"),
        Arguments.of(1e23, 'e', -1, "1e+23"),
        Arguments.of(1e23, 'f', -1, "100000000000000000000000"),
        Arguments.of(1e23, 'g', -1, "1e+23"),
        Arguments.of(32.0, 'g', -1, "32"),
        Arguments.of(32.0, 'g', 0, "3e+01"),
        Arguments.of(100.0, 'x', -1, "0x1.9p+06"),
        Arguments.of(1.0, 'x', -1, "0x1p+00"),
        Arguments.of(0.0, 'x', -1, "0x0p+00"),
        Arguments.of(3.999969482421875, 'x', 0, "0x1p+02"),
        Arguments.of(3.999969482421875, 'x', 2, "0x1.00p+02"),
        Arguments.of(1.0, 'b', -1, "4503599627370496p-52"),
        Arguments.of(-1.0, 'b', -1, "-4503599627370496p-52"),
        // Exact binary values round half to even, unlike Java's String.format.
        Arguments.of(0.5, 'f', 0, "0"),
        Arguments.of(1.5, 'f', 0, "2"),
        Arguments.of(2.5, 'f', 0, "2"),
        Arguments.of(0.125, 'f', 2, "0.12"),
        Arguments.of(Double.NaN, 'g', -1, "NaN"),
        Arguments.of(Double.POSITIVE_INFINITY, 'g', -1, "+Inf"),
        Arguments.of(Double.NEGATIVE_INFINITY, 'f', -1, "-Inf"),
        Arguments.of(-0.0, 'f', -1, "-0"),
        Arguments.of(1e-7, 'e', -1, "1e-07"),
        Arguments.of(123456789.0, 'e', -1, "1.23456789e+08"),
        Arguments.of(1e100, 'e', 2, "1.00e+100"));
  }

  @ParameterizedTest(name = "FormatFloat({0}, ''{1}'', {2}) = {3}")
  @MethodSource("goCases")
  void formatsLikeGo(double v, char fmt, int prec, String expected) {
    assertThat(GoFloat.format(v, fmt, prec)).isEqualTo(expected);
  }

  static Stream<Arguments> shortestF() {
    return Stream.of(
        Arguments.of(1.5, "1.5"),
        Arguments.of(100.0, "100"),
        Arguments.of(0.1, "0.1"),
        Arguments.of(1e21, "1000000000000000000000"),
        Arguments.of(1e-7, "0.0000001"),
        Arguments.of(-0.0, "-0"),
        Arguments.of(0.0, "0"),
        Arguments.of(-2.5, "-2.5"),
        Arguments.of(1.0 / 3, "0.3333333333333333"),
        Arguments.of(123456789.125, "123456789.125"),
        Arguments.of(9007199254740993.0, "9007199254740992"),
        Arguments.of(Double.NaN, "NaN"));
  }

  @ParameterizedTest(name = "number→string {0} = {1}")
  @MethodSource("shortestF")
  void shortestFNeverUsesAnExponent(double v, String expected) {
    assertThat(GoFloat.formatShortest(v)).isEqualTo(expected);
  }
}
