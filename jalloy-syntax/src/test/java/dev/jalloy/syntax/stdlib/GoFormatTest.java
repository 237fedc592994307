package dev.jalloy.syntax.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.value.Value;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from Go's fmt/fmt_test.go, with arguments as Alloy hands them to Sprintf. */
class GoFormatTest {
  private static final Value NIL = Value.NULL;

  private static Value i(long v) {
    return Value.number(v);
  }

  private static Value f(double v) {
    return Value.number(v);
  }

  private static Value s(String v) {
    return Value.string(v);
  }

  private static Arguments c(String format, String expected, Value... args) {
    return Arguments.of(format, Arrays.asList(args), expected);
  }

  static Stream<Arguments> cases() {
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("b", i(2));
    m.put("a", i(1));
    Value obj = Value.object(m);
    return Stream.of(
        // basics
        c("%d", "12345", i(12345)),
        c("%v", "12345", i(12345)),
        c("%t", "true", Value.TRUE),
        c("%v", "false", Value.FALSE),
        c("%5t", " true", Value.TRUE),
        c("%s", "abc", s("abc")),
        c("%q", "\"abc\"", s("abc")),
        c("%x", "616263", s("abc")),
        c("%X", "78797A", s("xyz")),
        c("% x", "78 79 7a", s("xyz")),
        c("%#x", "0x78797a", s("xyz")),
        c("%# x", "0x78 0x79 0x7a", s("xyz")),
        c("%5s", "  abc", s("abc")),
        c("%-5s|", "abc  |", s("abc")),
        c("%05s", "00abc", s("abc")),
        c("%.5s", "abcde", s("abcdefghijklmnopqrstuvwxyz")),
        c("%.0s", "", s("\u65e5\u672c\u8a9e")),
        c("%.3q", "\"\u65e5\u672c\u8a9e\"", s("\u65e5\u672c\u8a9e\u65e5\u672c\u8a9e")),
        c("%+q", "\"\\u65e5\\u672c\\u8a9e\"", s("\u65e5\u672c\u8a9e")),
        c("%#q", "`abc`", s("abc")),
        c("%5s", "   \u65e5\u672c", s("\u65e5\u672c")),
        // runes
        c("%c", "x", i('x')),
        c("%q", "'x'", i('x')),
        c("%U", "U+1234", i(0x1234)),
        c("%#U", "U+0078 'x'", i('x')),
        // integers
        c("%d", "-12345", i(-12345)),
        c("%+d", "+12345", i(12345)),
        c("% d", " 12345", i(12345)),
        c("%x", "3039", i(12345)),
        c("%x", "-1", i(-1)),
        c("%o", "10", i(8)),
        c("%#o", "010", i(8)),
        c("%O", "0o10", i(8)),
        c("%b", "101", i(5)),
        c("%#b", "0b101", i(5)),
        c("%#x", "0xff", i(255)),
        c("%#X", "0XFF", i(255)),
        c("%08d", "-0000012", i(-12)),
        c("%+08d", "+0000012", i(12)),
        c("%-010d|", "-12345    |", i(-12345)),
        c("%.3d", "007", i(7)),
        c("%6.3d", "   007", i(7)),
        c("%.0d", "", i(0)),
        c("%5.0d", "     ", i(0)),
        c("%d", "18446744073709551615", Value.uint(-1L)),
        c("%x", "ffffffffffffffff", Value.uint(-1L)),
        // floats
        c("%f", "1.000000", f(1)),
        c("%.2f", "3.14", f(3.14159)),
        c("%e", "1.000000e+00", f(1)),
        c("%E", "1.000000E+00", f(1)),
        c("%g", "1", f(1)),
        c("%g", "1e+06", f(1e6)),
        c("%g", "100000", f(100000)),
        c("%G", "1E-07", f(1e-7)),
        c("%v", "1.5", f(1.5)),
        c("%v", "1e+21", f(1e21)),
        c("%v", "1", f(1)),
        c("%8.3f", "   3.142", f(3.14159)),
        c("%-8.3f|", "3.142   |", f(3.14159)),
        c("%08.3f", "-003.142", f(-3.14159)),
        c("%+.3e", "+0.000e+00", f(0)),
        c("% f", " 1.000000", f(1)),
        c("%#g", "1.00000", f(1)),
        c("%#.0f", "1.", f(1)),
        c("%#.4g", "1.000", f(1)),
        c("%x", "0x1.8p+00", f(1.5)),
        c("%b", "4503599627370496p-52", f(1)),
        c("%f", "+Inf", f(Double.POSITIVE_INFINITY)),
        c("%5f", "  NaN", f(Double.NaN)),
        c("%+f", "+NaN", f(Double.NaN)),
        c("%05f", " +Inf", f(Double.POSITIVE_INFINITY)),
        c("%6.2f", " 12.00", f(12)),
        // wrong verbs never fail
        c("%d", "%!d(string=hi)", s("hi")),
        c("%z", "%!z(int=1)", i(1)),
        c("%s", "%!s(int=1)", i(1)),
        c("%t", "%!t(int=1)", i(1)),
        c("%d", "%!d(float64=1.5)", f(1.5)),
        c("%d", "%!d(bool=true)", Value.TRUE),
        c("%s", "%!s(<nil>)", NIL),
        c("%v", "<nil>", NIL),
        // missing and extra operands
        c("%d", "%!d(MISSING)"),
        c("%d %d", "1 %!d(MISSING)", i(1)),
        c("hi", "hi%!(EXTRA int=1)", i(1)),
        c("%d", "1%!(EXTRA string=x)", i(1), s("x")),
        c("%d", "1%!(EXTRA int=2, string=x)", i(1), i(2), s("x")),
        c("", "%!(EXTRA <nil>)", NIL),
        c("%", "%!(NOVERB)"),
        c("abc%", "abc%!(NOVERB)"),
        c("%%", "%"),
        c("100%%", "100%"),
        c("%5%", "%"),
        // argument indexes
        c("%[2]d %[1]d", "2 1", i(1), i(2)),
        c("%[5]d", "%!d(BADINDEX)", i(1), i(2), i(3)),
        c("%[-3]d", "%!d(BADINDEX)", i(1), i(2), i(3)),
        c("%[3]", "%!(NOVERB)", i(1), i(2), i(3)),
        c("%[1].2d", "%!d(BADINDEX)", i(5), i(6)),
        c("%[1]2d", "%!d(BADINDEX)", i(2), i(1)),
        c("%3.[2]d", "%!d(BADINDEX)", i(7)),
        c("%.[2]d", "%!d(BADINDEX)", i(7)),
        c("%d %d %d %#[1]o %#o %#o", "11 12 13 013 014 015", i(11), i(12), i(13)),
        c("%[2]*[1]d", "    2", i(2), i(5)),
        c("%[3]*.[2]*[1]f", " 12.00", f(12), i(2), i(6)),
        c("%[1]d %[1]d", "1 1", i(1), i(2)), // reordered: no EXTRA report
        // star width and precision
        c("%*d", "  42", i(4), i(42)),
        c("%-*d", "42  ", i(4), i(42)),
        c("%*d", "42  ", i(-4), i(42)),
        c("%.*d", "%!(BADPREC)42", i(-1), i(42)),
        c("%*d", "%!(BADWIDTH)42", NIL, i(42)),
        c("%*d", "%!(BADWIDTH)42", i(10_000_000), i(42)),
        c("%.*f", "3.14", i(2), f(3.14159)),
        // arrays and objects as []interface {} and map[string]interface {}
        c("%v", "[1 a]", Value.array(i(1), s("a"))),
        c("%d", "[1 2]", Value.array(i(1), i(2))),
        c("%q", "[\"a\" \"b\"]", Value.array(s("a"), s("b"))),
        c("%d", "[%!d(string=a)]", Value.array(s("a"))),
        c("%v", "[<nil>]", Value.array(NIL)),
        c("%v", "[]", Value.array()),
        c("%#v", "[]interface {}{1, \"a\"}", Value.array(i(1), s("a"))),
        c("%v", "map[a:1 b:2]", obj),
        c("%#v", "map[string]interface {}{\"a\":\"x\"}", Value.object(Map.of("a", s("x")))),
        c("%v", "[map[a:[1.5]]]", Value.array(Value.object(Map.of("a", Value.array(f(1.5)))))),
        // %T
        c("%T", "int", i(1)),
        c("%T", "uint64", Value.uint(-1L)),
        c("%T", "float64", f(1)),
        c("%T", "string", s("")),
        c("%T", "bool", Value.TRUE),
        c("%T", "[]interface {}", Value.array()),
        c("%T", "map[string]interface {}", obj),
        c("%T", "<nil>", NIL),
        // a typical Alloy use
        c("http://%s:%d/metrics", "http://localhost:9090/metrics", s("localhost"), i(9090)));
  }

  @ParameterizedTest(name = "Sprintf({0}, {1}) = {2}")
  @MethodSource("cases")
  void sprintf(String format, List<Value> args, String expected) {
    assertThat(GoFormat.sprintf(format, args)).isEqualTo(expected);
  }
}
