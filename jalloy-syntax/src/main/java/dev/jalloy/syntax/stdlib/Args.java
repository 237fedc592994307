package dev.jalloy.syntax.stdlib;

import dev.jalloy.syntax.value.Conversions;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.value.ValueError;
import dev.jalloy.syntax.value.ValueType;
import java.util.List;

/**
 * Argument checking and decoding shared by the standard library functions: arity errors in Alloy's
 * words ({@code expected 2 args, got 1}, {@code expected at least 1 args, got 0}) and per-argument
 * decoding whose errors name the argument.
 */
final class Args {
  private Args() {}

  static void exactly(Value.Func fn, List<Value> args, int n) {
    if (args.size() != n) {
      throw ValueError.of(fn, "expected " + n + " args, got " + args.size());
    }
  }

  static void atLeast(Value.Func fn, List<Value> args, int n) {
    if (args.size() < n) {
      throw ValueError.of(fn, "expected at least " + n + " args, got " + args.size());
    }
  }

  static String string(List<Value> args, int i) {
    try {
      return Conversions.asString(args.get(i));
    } catch (ValueError e) {
      throw e.atArgument(i);
    }
  }

  static boolean bool(List<Value> args, int i) {
    try {
      return Conversions.asBool(args.get(i));
    } catch (ValueError e) {
      throw e.atArgument(i);
    }
  }

  static List<String> stringList(List<Value> args, int i) {
    try {
      return Conversions.asStringList(args.get(i));
    } catch (ValueError e) {
      throw e.atArgument(i);
    }
  }

  static Value.Secret secret(List<Value> args, int i) {
    try {
      return Conversions.asSecret(args.get(i));
    } catch (ValueError e) {
      throw e.atArgument(i);
    }
  }

  /** An array argument; unlike decoding, null is not accepted where Alloy demands an array. */
  static Value.Array array(List<Value> args, int i) {
    if (args.get(i) instanceof Value.Array a) {
      return a;
    }
    throw ValueError.typeError(args.get(i), ValueType.ARRAY).atArgument(i);
  }
}
