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

import dev.jalloy.syntax.token.Token;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator on every combination of kinds, following Alloy's syntax/internal/transform
 * binary.go and unary.go (widest kind wins: uint < int < float; integer arithmetic stays integer
 * and wraps; no short-circuit is the evaluator's job).
 */
class OperatorsTest {
  private static final long UMAX = -1L; // 18446744073709551615 as uint64 bits

  static Stream<Arguments> binaryResults() {
    return Stream.of(
        // ADD: kind of the result is the widest operand kind
        Arguments.of("int+int", i(1), Token.ADD, i(2), i(3)),
        Arguments.of("uint+uint", u(1), Token.ADD, u(2), u(3)),
        Arguments.of("uint+int is int", u(1), Token.ADD, i(2), i(3)),
        Arguments.of("int+uint is int", i(1), Token.ADD, u(2), i(3)),
        Arguments.of("int+float is float", i(1), Token.ADD, f(2.5), f(3.5)),
        Arguments.of("uint+float is float", u(1), Token.ADD, f(2.5), f(3.5)),
        Arguments.of("float+float", f(0.5), Token.ADD, f(0.25), f(0.75)),
        Arguments.of("int overflow wraps", i(Long.MAX_VALUE), Token.ADD, i(1), i(Long.MIN_VALUE)),
        Arguments.of("uint overflow wraps", u(UMAX), Token.ADD, u(1), u(0)),
        Arguments.of("string concat", s("foo"), Token.ADD, s("bar"), s("foobar")),
        // SUB
        Arguments.of("int-int", i(1), Token.SUB, i(2), i(-1)),
        Arguments.of("uint-uint wraps", u(1), Token.SUB, u(2), u(UMAX)),
        Arguments.of("uint-int is int", u(1), Token.SUB, i(2), i(-1)),
        Arguments.of("float-int", f(1.5), Token.SUB, i(2), f(-0.5)),
        // MUL
        Arguments.of("int*int", i(3), Token.MUL, i(4), i(12)),
        Arguments.of("uint*uint", u(3), Token.MUL, u(4), u(12)),
        Arguments.of("uint*int", u(3), Token.MUL, i(-4), i(-12)),
        Arguments.of("int*float", i(3), Token.MUL, f(0.5), f(1.5)),
        // DIV: integer division truncates
        Arguments.of("7/2 is 3", i(7), Token.DIV, i(2), i(3)),
        Arguments.of("-7/2 is -3", i(-7), Token.DIV, i(2), i(-3)),
        Arguments.of("uint 7/2", u(7), Token.DIV, u(2), u(3)),
        Arguments.of("uint max/2 unsigned", u(UMAX), Token.DIV, u(2), u(Long.MAX_VALUE)),
        Arguments.of("float 7.0/2", f(7), Token.DIV, i(2), f(3.5)),
        Arguments.of("int 7/2.0", i(7), Token.DIV, f(2), f(3.5)),
        Arguments.of("min/-1 wraps", i(Long.MIN_VALUE), Token.DIV, i(-1), i(Long.MIN_VALUE)),
        // MOD: integer remainder has the dividend's sign; float % is math.Mod
        Arguments.of("7%2", i(7), Token.MOD, i(2), i(1)),
        Arguments.of("-7%2", i(-7), Token.MOD, i(2), i(-1)),
        Arguments.of("uint 7%4", u(7), Token.MOD, u(4), u(3)),
        Arguments.of("uint max%10 unsigned", u(UMAX), Token.MOD, u(10), u(5)),
        Arguments.of("7.5%2", f(7.5), Token.MOD, i(2), f(1.5)),
        Arguments.of("-7.5%2.0", f(-7.5), Token.MOD, f(2), f(-1.5)),
        Arguments.of("5%inf is 5", f(5), Token.MOD, f(Double.POSITIVE_INFINITY), f(5)),
        // POW: stays integer for integers
        Arguments.of("2^10 is int 1024", i(2), Token.POW, i(10), i(1024)),
        Arguments.of("(-2)^2", i(-2), Token.POW, i(2), i(4)),
        Arguments.of("(-2)^3", i(-2), Token.POW, i(3), i(-8)),
        Arguments.of("uint 3^4", u(3), Token.POW, u(4), u(81)),
        Arguments.of("uint 2^64 wraps to 0", u(2), Token.POW, u(64), u(0)),
        Arguments.of("int 2^63 wraps", i(2), Token.POW, i(63), i(Long.MIN_VALUE)),
        Arguments.of("x^0 is 1", i(5), Token.POW, i(0), i(1)),
        Arguments.of("0^0 is 1", i(0), Token.POW, i(0), i(1)),
        Arguments.of("0^3 is 0", i(0), Token.POW, i(3), i(0)),
        Arguments.of("1^-5 is 1", i(1), Token.POW, i(-5), i(1)),
        // Alloy's integer power loops from 2 to the exponent, so a negative one returns the base.
        Arguments.of("2^-1 is 2 (Alloy quirk)", i(2), Token.POW, i(-1), i(2)),
        Arguments.of("2^1", i(2), Token.POW, i(1), i(2)),
        Arguments.of("float 2^0.5", i(2), Token.POW, f(0.5), f(Math.sqrt(2))),
        Arguments.of("float (-2.0)^2", f(-2), Token.POW, i(2), f(4)),
        Arguments.of("float 2^-1", f(2), Token.POW, i(-1), f(0.5)),
        Arguments.of("Go Pow(-1, inf) is 1", f(-1), Token.POW, f(Double.POSITIVE_INFINITY), f(1)),
        Arguments.of("Go Pow(1, NaN) is 1", f(1), Token.POW, f(Double.NaN), f(1)),
        // comparisons
        Arguments.of("1<2", i(1), Token.LT, i(2), b(true)),
        Arguments.of("2<1", i(2), Token.LT, i(1), b(false)),
        Arguments.of("uint 1 < int 2", u(1), Token.LT, i(2), b(true)),
        Arguments.of("int -1 < uint 1", i(-1), Token.LT, u(1), b(true)),
        Arguments.of("1.5 < 2", f(1.5), Token.LT, i(2), b(true)),
        Arguments.of("uint max > uint 1", u(UMAX), Token.GT, u(1), b(true)),
        Arguments.of("2 <= 2.0", i(2), Token.LTE, f(2), b(true)),
        Arguments.of("3 >= 4", i(3), Token.GTE, i(4), b(false)),
        Arguments.of("3 > 2.5", i(3), Token.GT, f(2.5), b(true)),
        Arguments.of("NaN < 1 is false", f(Double.NaN), Token.LT, i(1), b(false)),
        Arguments.of("a < b", s("a"), Token.LT, s("b"), b(true)),
        Arguments.of("B < a (byte order)", s("B"), Token.LT, s("a"), b(true)),
        Arguments.of("abc >= abc", s("abc"), Token.GTE, s("abc"), b(true)),
        Arguments.of("ab > a", s("ab"), Token.GT, s("a"), b(true)),
        Arguments.of("ab <= a", s("ab"), Token.LTE, s("a"), b(false)),
        // equality
        Arguments.of("3 == 3.0", i(3), Token.EQ, f(3), b(true)),
        Arguments.of("uint 3 == int 3", u(3), Token.EQ, i(3), b(true)),
        Arguments.of("1 == \"1\" is false", i(1), Token.EQ, s("1"), b(false)),
        Arguments.of("1 != \"1\"", i(1), Token.NEQ, s("1"), b(true)),
        Arguments.of("null == null", Value.NULL, Token.EQ, Value.NULL, b(true)),
        Arguments.of("null == 0 is false", Value.NULL, Token.EQ, i(0), b(false)),
        Arguments.of("true == true", b(true), Token.EQ, b(true), b(true)),
        Arguments.of("true != false", b(true), Token.NEQ, b(false), b(true)),
        Arguments.of("\"a\" == \"a\"", s("a"), Token.EQ, s("a"), b(true)),
        Arguments.of(
            "arrays element-wise", arr(i(1), s("x")), Token.EQ, arr(f(1), s("x")), b(true)),
        Arguments.of("arrays of different length", arr(i(1)), Token.EQ, arr(i(1), i(2)), b(false)),
        Arguments.of("arrays differ", arr(i(1)), Token.NEQ, arr(i(2)), b(true)),
        Arguments.of(
            "objects ignore order",
            obj("a", i(1), "b", i(2)),
            Token.EQ,
            obj("b", i(2), "a", f(1)),
            b(true)),
        Arguments.of("objects differ in value", obj("a", i(1)), Token.EQ, obj("a", i(2)), b(false)),
        Arguments.of("objects differ in key", obj("a", i(1)), Token.EQ, obj("b", i(1)), b(false)),
        Arguments.of("nested", arr(obj("a", arr())), Token.EQ, arr(obj("a", arr())), b(true)),
        Arguments.of("secrets with equal text", sec("x"), Token.EQ, sec("x"), b(true)),
        Arguments.of("secret == same string", sec("x"), Token.EQ, s("x"), b(true)),
        Arguments.of("secret != other string", s("y"), Token.NEQ, sec("x"), b(true)),
        Arguments.of(
            "capsules equal by payload",
            Value.capsule("t", "p"),
            Token.EQ,
            Value.capsule("t", "p"),
            b(true)),
        // bool operators
        Arguments.of("true && false", b(true), Token.AND, b(false), b(false)),
        Arguments.of("true && true", b(true), Token.AND, b(true), b(true)),
        Arguments.of("true || false", b(true), Token.OR, b(false), b(true)),
        Arguments.of("false || false", b(false), Token.OR, b(false), b(false)),
        // secrets and optional secrets with +
        Arguments.of("string + secret", s("a"), Token.ADD, sec("b"), sec("ab")),
        Arguments.of("secret + string", sec("a"), Token.ADD, s("b"), sec("ab")),
        Arguments.of("secret + secret", sec("a"), Token.ADD, sec("b"), sec("ab")),
        Arguments.of("plain optional + string", opt("a", false), Token.ADD, s("b"), s("ab")),
        Arguments.of("string + plain optional", s("a"), Token.ADD, opt("b", false), s("ab")),
        Arguments.of(
            "secret optional + string", opt("a", true), Token.ADD, s("b"), opt("ab", true)),
        Arguments.of(
            "string + secret optional", s("a"), Token.ADD, opt("b", true), opt("ab", true)),
        Arguments.of(
            "optional + optional ors secrecy",
            opt("a", false),
            Token.ADD,
            opt("b", true),
            opt("ab", true)),
        Arguments.of(
            "plain optionals stay optional",
            opt("a", false),
            Token.ADD,
            opt("b", false),
            opt("ab", false)),
        Arguments.of("optional + secret", opt("a", false), Token.ADD, sec("b"), sec("ab")),
        Arguments.of("secret + optional", sec("a"), Token.ADD, opt("b", false), sec("ab")),
        Arguments.of(
            "plain optional compares as string", opt("a", false), Token.LT, s("b"), b(true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryResults")
  void binary(String name, Value left, Token op, Value right, Value expected) {
    assertThat(Operators.binary(op, left, right)).isEqualTo(expected);
  }

  @Test
  void functionsAreNeverEqualNotEvenToThemselves() {
    Value fn = Value.function("f", args -> Value.NULL);
    assertThat(Operators.binary(Token.EQ, fn, fn)).isEqualTo(b(false));
    assertThat(Operators.binary(Token.NEQ, fn, fn)).isEqualTo(b(true));
  }

  @Test
  void uintAndIntCompareAsInt64LikeAlloy() {
    // fitNumberKinds picks int for uint/int pairs, so the uint's bits are read as int64.
    assertThat(Operators.binary(Token.EQ, u(UMAX), i(-1))).isEqualTo(b(true));
  }

  static Stream<Arguments> binaryErrors() {
    return Stream.of(
        Arguments.of(s("a"), Token.SUB, i(1), "should be one of [number] for binop -, got string"),
        Arguments.of(i(1), Token.MUL, b(true), "should be one of [number] for binop *, got bool"),
        Arguments.of(arr(), Token.DIV, i(1), "should be one of [number] for binop /, got array"),
        Arguments.of(i(1), Token.MOD, s("2"), "should be one of [number] for binop %, got string"),
        Arguments.of(
            Value.NULL, Token.POW, i(1), "should be one of [number] for binop ^, got null"),
        Arguments.of(i(1), Token.ADD, s("a"), "expected number, got string"),
        Arguments.of(s("a"), Token.ADD, i(1), "expected string, got number"),
        Arguments.of(
            b(true),
            Token.ADD,
            b(true),
            "should be one of [number string capsule] for binop +, got bool"),
        Arguments.of(
            arr(),
            Token.ADD,
            arr(),
            "should be one of [number string capsule] for binop +, got array"),
        Arguments.of(
            obj(),
            Token.ADD,
            obj(),
            "should be one of [number string capsule] for binop +, got object"),
        Arguments.of(i(1), Token.LT, s("a"), "expected number, got string"),
        Arguments.of(
            Value.NULL, Token.LT, i(1), "should be one of [number string] for binop <, got null"),
        Arguments.of(
            b(true),
            Token.GTE,
            b(false),
            "should be one of [number string] for binop >=, got bool"),
        Arguments.of(i(1), Token.AND, b(true), "should be one of [bool] for binop &&, got number"),
        Arguments.of(b(true), Token.OR, i(1), "should be one of [bool] for binop ||, got number"),
        Arguments.of(
            sec("a"), Token.SUB, sec("b"), "should be one of [number] for binop -, got capsule"),
        Arguments.of(sec("a"), Token.ADD, i(1), "expected capsule, got number"),
        Arguments.of(
            opt("a", true),
            Token.LT,
            s("b"),
            "should be one of [number string] for binop <, got capsule"),
        Arguments.of(
            Value.capsule("x", 1),
            Token.ADD,
            Value.capsule("x", 2),
            "could not perform binop + for unknown types lhs capsule rhs capsule"),
        Arguments.of(i(1), Token.DIV, i(0), "divide by zero error"),
        Arguments.of(u(1), Token.DIV, u(0), "divide by zero error"),
        Arguments.of(f(1), Token.DIV, f(0), "divide by zero error"),
        Arguments.of(f(1), Token.DIV, f(-0.0), "divide by zero error"),
        Arguments.of(i(1), Token.DIV, f(0), "divide by zero error"),
        Arguments.of(i(7), Token.MOD, i(0), "divide by zero error"),
        Arguments.of(u(7), Token.MOD, u(0), "divide by zero error"),
        Arguments.of(f(7), Token.MOD, u(0), "divide by zero error"));
  }

  @ParameterizedTest(name = "{0} {1} {2} fails: {3}")
  @MethodSource("binaryErrors")
  void binaryError(Value left, Token op, Value right, String message) {
    assertThatThrownBy(() -> Operators.binary(op, left, right))
        .isInstanceOf(ValueError.class)
        .hasMessage(message);
  }

  @Test
  void errorsPointAtTheOffendingOperand() {
    ValueError rhsType =
        catchThrowableOfType(ValueError.class, () -> Operators.binary(Token.ADD, i(1), s("a")));
    assertThat(rhsType.value()).isEqualTo(s("a"));
    assertThat(rhsType.expected()).contains(ValueType.NUMBER);
    assertThat(rhsType.isTypeError()).isTrue();

    ValueError lhsBad =
        catchThrowableOfType(ValueError.class, () -> Operators.binary(Token.SUB, s("a"), s("b")));
    assertThat(lhsBad.value()).isEqualTo(s("a"));
    assertThat(lhsBad.isTypeError()).isFalse();

    ValueError zero =
        catchThrowableOfType(ValueError.class, () -> Operators.binary(Token.DIV, i(1), u(0)));
    assertThat(zero.value()).isEqualTo(u(0));
  }

  @ParameterizedTest(name = "{0} is not a binary operator")
  @EnumSource(
      value = Token.class,
      names = {
        "OR", "AND", "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "ADD", "SUB", "MUL", "DIV", "MOD", "POW"
      },
      mode = EnumSource.Mode.EXCLUDE)
  void nonOperatorsAreRejected(Token op) {
    assertThatThrownBy(() -> Operators.binary(op, i(1), i(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> unaryResults() {
    return Stream.of(
        Arguments.of("!true", Token.NOT, b(true), b(false)),
        Arguments.of("!false", Token.NOT, b(false), b(true)),
        Arguments.of("-int", Token.SUB, i(5), i(-5)),
        Arguments.of("-negative int", Token.SUB, i(-5), i(5)),
        Arguments.of("-uint is int", Token.SUB, u(5), i(-5)),
        Arguments.of("-uint max reads the bits as int64", Token.SUB, u(UMAX), i(1)),
        Arguments.of("-float", Token.SUB, f(1.5), f(-1.5)),
        Arguments.of("-0.0", Token.SUB, f(0), f(-0.0)),
        Arguments.of("-min int wraps", Token.SUB, i(Long.MIN_VALUE), i(Long.MIN_VALUE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unaryResults")
  void unary(String name, Token op, Value operand, Value expected) {
    assertThat(Operators.unary(op, operand)).isEqualTo(expected);
  }

  static Stream<Arguments> unaryErrors() {
    return Stream.of(
        Arguments.of(Token.NOT, i(1), "expected bool, got number"),
        Arguments.of(Token.NOT, Value.NULL, "expected bool, got null"),
        Arguments.of(Token.SUB, s("1"), "expected number, got string"),
        Arguments.of(Token.SUB, b(true), "expected number, got bool"),
        Arguments.of(Token.SUB, sec("1"), "expected number, got capsule"));
  }

  @ParameterizedTest(name = "{0}{1} fails: {2}")
  @MethodSource("unaryErrors")
  void unaryError(Token op, Value operand, String message) {
    assertThatThrownBy(() -> Operators.unary(op, operand))
        .isInstanceOf(ValueError.class)
        .hasMessage(message);
  }

  @Test
  void unaryRejectsOtherTokens() {
    assertThatThrownBy(() -> Operators.unary(Token.ADD, i(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
