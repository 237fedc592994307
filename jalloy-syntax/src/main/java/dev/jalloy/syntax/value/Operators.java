package dev.jalloy.syntax.value;

import dev.jalloy.syntax.go.GoStrings;
import dev.jalloy.syntax.token.Token;
import java.util.List;
import java.util.Map;

/**
 * Alloy's unary and binary operators with their exact semantics.
 *
 * <ul>
 *   <li>{@code == !=} take any two values; different types are simply unequal. Numbers compare
 *       across kinds ({@code 3 == 3.0}), arrays element-wise, objects by keys and values, capsules
 *       by payload, functions never.
 *   <li>{@code < <= > >=} take two numbers or two strings (compared byte-wise, as UTF-8).
 *   <li>{@code +} adds numbers and concatenates strings and secrets; {@code - * / % ^} are for
 *       numbers only. The result has the wider kind of the operands ({@code uint < int < float});
 *       integer arithmetic stays integer ({@code 7 / 2 == 3}) and wraps on overflow; dividing by
 *       zero of any kind is {@code divide by zero error}.
 *   <li>{@code && || !} take bools. The evaluator evaluates both sides before calling here, as
 *       Alloy does not short-circuit.
 * </ul>
 *
 * <p>Errors use Alloy's texts: {@code should be one of [number] for binop -, got string} when an
 * operand's type is not allowed for the operator, {@code expected number, got string} (a {@link
 * ValueError#isTypeError() type error} on the right operand) when both are allowed but differ.
 */
public final class Operators {
  private static final String DIVIDE_BY_ZERO = "divide by zero error";

  private Operators() {}

  /**
   * Applies a binary operator ({@code OR AND EQ NEQ LT LTE GT GTE ADD SUB MUL DIV MOD POW}).
   *
   * @throws ValueError when the operands do not suit the operator
   * @throws IllegalArgumentException when op is not a binary operator
   */
  public static Value binary(Token op, Value left, Value right) {
    Value origLeft = left;
    Value origRight = right;
    if (isSecretLike(left) || isSecretLike(right)) {
      Value[] unwrapped = unwrapSecrets(left, right);
      left = unwrapped[0];
      right = unwrapped[1];
    }
    switch (op) {
      case EQ -> {
        return Value.bool(equal(left, right));
      }
      case NEQ -> {
        return Value.bool(!equal(left, right));
      }
      default -> {}
    }
    checkAllowed(op, left, origLeft);
    checkAllowed(op, right, origRight);
    if (left.type() != right.type()) {
      throw ValueError.typeError(right, left.type());
    }
    return switch (op) {
      case OR -> Value.bool(left.asBool() || right.asBool());
      case AND -> Value.bool(left.asBool() && right.asBool());
      case ADD -> add(left, right, origLeft);
      case SUB, MUL, DIV, MOD, POW ->
          arithmetic(op, (Value.Number) left, (Value.Number) right, origRight);
      case LT, LTE, GT, GTE -> Value.bool(compare(op, left, right));
      default -> throw new IllegalArgumentException("not a binary operator: " + op);
    };
  }

  /**
   * Applies a unary operator: {@code !} on a bool, {@code -} on a number ({@code -} of an int or
   * uint gives an int, of a float a float).
   *
   * @throws ValueError {@code expected bool, got …} / {@code expected number, got …}
   * @throws IllegalArgumentException when op is not {@code NOT} or {@code SUB}
   */
  public static Value unary(Token op, Value operand) {
    return switch (op) {
      case NOT -> {
        if (!(operand instanceof Value.Bool b)) {
          throw ValueError.typeError(operand, ValueType.BOOL);
        }
        yield Value.bool(!b.value());
      }
      case SUB ->
          switch (operand) {
            case Value.Int i -> Value.number(-i.value());
            case Value.Uint u -> Value.number(-u.value());
            case Value.Float f -> Value.number(-f.value());
            default -> throw ValueError.typeError(operand, ValueType.NUMBER);
          };
      default -> throw new IllegalArgumentException("not a unary operator: " + op);
    };
  }

  /** Alloy's {@code ==}. */
  public static boolean equal(Value a, Value b) {
    if (a.type() != b.type()) {
      return false;
    }
    return switch (a) {
      case Value.Null n -> true;
      case Value.Number x -> {
        Value.Number y = (Value.Number) b;
        yield switch (NumberKind.widest(x.kind(), y.kind())) {
          case UINT, INT -> x.int64() == y.int64();
          case FLOAT -> x.float64() == y.float64();
        };
      }
      case Value.Str s -> s.text().equals(((Value.Str) b).text());
      case Value.Bool x -> x.value() == ((Value.Bool) b).value();
      case Value.Array x -> {
        List<Value> xs = x.elements();
        List<Value> ys = ((Value.Array) b).elements();
        if (xs.size() != ys.size()) {
          yield false;
        }
        for (int i = 0; i < xs.size(); i++) {
          if (!equal(xs.get(i), ys.get(i))) {
            yield false;
          }
        }
        yield true;
      }
      case Value.Obj x -> {
        Map<String, Value> xs = x.fields();
        Map<String, Value> ys = ((Value.Obj) b).fields();
        if (xs.size() != ys.size()) {
          yield false;
        }
        for (Map.Entry<String, Value> e : xs.entrySet()) {
          Value other = ys.get(e.getKey());
          if (other == null || !equal(e.getValue(), other)) {
            yield false;
          }
        }
        yield true;
      }
      // Alloy cannot compare functions, so two functions are never equal.
      case Value.Func f -> false;
      // Capsules (secrets included) are equal when their contents are deeply equal.
      case Value.Capsule c -> a.equals(b);
      case Value.Secret s -> a.equals(b);
      case Value.OptionalSecret s -> a.equals(b);
    };
  }

  private static boolean isSecretLike(Value v) {
    return v instanceof Value.Secret || v instanceof Value.OptionalSecret;
  }

  /**
   * Brings a secret and its partner to a common type before the operator runs: secret with string
   * or optional secret → two secrets; a secret optional secret with a string → two optional
   * secrets; a non-secret optional secret with a string → two strings.
   */
  private static Value[] unwrapSecrets(Value l, Value r) {
    switch (l) {
      case Value.OptionalSecret lo -> {
        switch (r) {
          case Value.Secret rs -> {
            return new Value[] {Value.secret(lo.value()), r};
          }
          case Value.Str rs -> {
            if (lo.isSecret()) {
              return new Value[] {l, Value.optionalSecret(rs.text(), true)};
            }
            return new Value[] {Value.string(lo.value()), r};
          }
          default -> {}
        }
      }
      case Value.Secret ls -> {
        switch (r) {
          case Value.OptionalSecret ro -> {
            return new Value[] {l, Value.secret(ro.value())};
          }
          case Value.Str rs -> {
            return new Value[] {l, Value.secret(rs.text())};
          }
          default -> {}
        }
      }
      case Value.Str ls -> {
        switch (r) {
          case Value.OptionalSecret ro -> {
            if (ro.isSecret()) {
              return new Value[] {Value.optionalSecret(ls.text(), true), r};
            }
            return new Value[] {l, Value.string(ro.value())};
          }
          case Value.Secret rs -> {
            return new Value[] {Value.secret(ls.text()), r};
          }
          default -> {}
        }
      }
      default -> {}
    }
    return new Value[] {l, r};
  }

  private static void checkAllowed(Token op, Value v, Value original) {
    ValueType t = v.type();
    boolean ok =
        switch (op) {
          case OR, AND -> t == ValueType.BOOL;
          case ADD -> t == ValueType.NUMBER || t == ValueType.STRING || t == ValueType.CAPSULE;
          case SUB, MUL, DIV, MOD, POW -> t == ValueType.NUMBER;
          case LT, LTE, GT, GTE -> t == ValueType.NUMBER || t == ValueType.STRING;
          default -> throw new IllegalArgumentException("not a binary operator: " + op);
        };
    if (!ok) {
      throw ValueError.of(
          original,
          "should be one of " + allowedTypes(op) + " for binop " + op.text() + ", got " + t);
    }
  }

  /** The allowed types as Go prints a {@code []value.Type}: {@code [number string]}. */
  private static String allowedTypes(Token op) {
    return switch (op) {
      case OR, AND -> "[bool]";
      case ADD -> "[number string capsule]";
      case LT, LTE, GT, GTE -> "[number string]";
      default -> "[number]";
    };
  }

  private static Value add(Value l, Value r, Value origLeft) {
    return switch (l) {
      case Value.Str s -> Value.string(s.text().concat(((Value.Str) r).text()));
      case Value.Number x -> arithmetic(Token.ADD, x, (Value.Number) r, r);
      case Value.OptionalSecret x when r instanceof Value.OptionalSecret y ->
          Value.optionalSecret(x.value().concat(y.value()), x.isSecret() || y.isSecret());
      case Value.Secret x when r instanceof Value.Secret y ->
          Value.secret(x.value().concat(y.value()));
      default ->
          throw ValueError.of(
              origLeft,
              "could not perform binop + for unknown types lhs " + l.type() + " rhs " + r.type());
    };
  }

  private static Value arithmetic(Token op, Value.Number l, Value.Number r, Value origRight) {
    if (op == Token.DIV || op == Token.MOD) {
      boolean zero =
          switch (r) {
            case Value.Int i -> i.value() == 0;
            case Value.Uint u -> u.value() == 0;
            case Value.Float f -> f.value() == 0;
          };
      if (zero) {
        throw ValueError.of(origRight, DIVIDE_BY_ZERO);
      }
    }
    return switch (NumberKind.widest(l.kind(), r.kind())) {
      case UINT -> Value.uint(uintOp(op, l.uint64(), r.uint64()));
      case INT -> Value.number(intOp(op, l.int64(), r.int64()));
      case FLOAT -> Value.number(floatOp(op, l.float64(), r.float64()));
    };
  }

  private static long intOp(Token op, long a, long b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case MOD -> a % b;
      case POW -> intPow(a, b, false);
      default -> throw new IllegalArgumentException(op.text());
    };
  }

  private static long uintOp(Token op, long a, long b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> Long.divideUnsigned(a, b);
      case MOD -> Long.remainderUnsigned(a, b);
      case POW -> intPow(a, b, true);
      default -> throw new IllegalArgumentException(op.text());
    };
  }

  private static double floatOp(Token op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      // Java's % on doubles is C's fmod, which is what Go's math.Mod computes.
      case MOD -> a % b;
      case POW -> goPow(a, b);
      default -> throw new IllegalArgumentException(op.text());
    };
  }

  /**
   * Integer power as Alloy computes it: multiply {@code n} by itself for exponents 2..m, wrapping
   * on overflow. An exponent below 2 therefore gives {@code n} itself (so {@code 2 ^ -1 == 2}),
   * except that {@code m == 0} or {@code n == 1} gives 1 and {@code 0 ^ m} for m > 0 gives 0.
   * Squaring gives the same wrapped result as repeated multiplication in far fewer steps.
   */
  private static long intPow(long n, long m, boolean unsigned) {
    if (m == 0 || n == 1) {
      return 1;
    }
    boolean positive = unsigned ? m != 0 : m > 0;
    if (n == 0 && positive) {
      return 0;
    }
    boolean atLeastTwo = unsigned ? Long.compareUnsigned(m, 2) >= 0 : m >= 2;
    if (!atLeastTwo) {
      return n;
    }
    long result = 1;
    long base = n;
    long e = m;
    while (e != 0) {
      if ((e & 1) != 0) {
        result *= base;
      }
      base *= base;
      e >>>= 1;
    }
    return result;
  }

  /** Go's {@code math.Pow}, which differs from Java's for a base of ±1 and infinite/NaN powers. */
  private static double goPow(double x, double y) {
    if (y == 0 || x == 1) {
      return 1;
    }
    if (x == -1 && Double.isInfinite(y)) {
      return 1;
    }
    return Math.pow(x, y);
  }

  private static boolean compare(Token op, Value l, Value r) {
    int c;
    if (l instanceof Value.Str ls) {
      c = GoStrings.compare(ls.text(), ((Value.Str) r).text());
    } else {
      Value.Number x = (Value.Number) l;
      Value.Number y = (Value.Number) r;
      switch (NumberKind.widest(x.kind(), y.kind())) {
        case UINT -> c = Long.compareUnsigned(x.uint64(), y.uint64());
        case INT -> c = Long.compare(x.int64(), y.int64());
        default -> {
          double a = x.float64();
          double b = y.float64();
          // NaN compares false with everything, as in Go.
          if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
          }
          c = a < b ? -1 : (a > b ? 1 : 0);
        }
      }
    }
    return switch (op) {
      case LT -> c < 0;
      case LTE -> c <= 0;
      case GT -> c > 0;
      default -> c >= 0;
    };
  }
}
