package dev.jalloy.syntax.value;

import dev.jalloy.syntax.go.ByteSize;
import dev.jalloy.syntax.go.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Alloy's assignment conversions: what happens when an evaluated value is decoded into an attribute
 * or function parameter of a declared type.
 *
 * <p>Two families:
 *
 * <ul>
 *   <li>{@link #convert} is Alloy's value-to-type conversion: number → string, string → number, a
 *       non-secret optional secret → string; anything else of the wrong type is a type error.
 *   <li>The {@code asX} methods decode into a Java type the way Alloy decodes into a Go type: they
 *       apply {@link #convert}, the secret rules, and turn {@code null} into the zero value ({@code
 *       ""}, {@code 0}, {@code false}, empty list or map), as Go does for an unset value.
 * </ul>
 */
public final class Conversions {
  /** Alloy's message when a secret would become a plain string. */
  public static final String SECRET_TO_STRING = "secrets may not be converted into strings";

  private static final Value.Int ZERO = Value.number(0L);

  private Conversions() {}

  /**
   * Converts v to the target type, or throws a {@link ValueError}.
   *
   * <ul>
   *   <li>same type: v itself;
   *   <li>number → string: {@link Numbers#format} ({@code 1.5}, {@code 100}, never an exponent);
   *   <li>string → number: {@code ""} fails; a leading {@code -} parses as int64; text containing
   *       {@code . e E} parses as float64; anything else as uint64;
   *   <li>optional secret → string (and on to number): only when it is not secret;
   *   <li>secret → string: refused with {@value #SECRET_TO_STRING}.
   * </ul>
   */
  public static Value convert(Value v, ValueType target) {
    ValueType from = v.type();
    if (from == target) {
      return v;
    }
    switch (v) {
      case Value.Number n when target == ValueType.STRING -> {
        return Value.string(Numbers.format(n));
      }
      case Value.Str s when target == ValueType.NUMBER -> {
        return stringToNumber(s);
      }
      case Value.OptionalSecret os
          when target == ValueType.STRING || target == ValueType.NUMBER -> {
        if (os.isSecret()) {
          throw ValueError.of(v, SECRET_TO_STRING);
        }
        return convert(Value.string(os.value()), target);
      }
      case Value.Secret s when target == ValueType.STRING || target == ValueType.NUMBER ->
          throw ValueError.of(s, SECRET_TO_STRING);
      default -> throw ValueError.typeError(v, target);
    }
  }

  /** String → number with Alloy's rules; see {@link #convert}. */
  public static Value.Number stringToNumber(Value.Str s) {
    String text = s.text();
    try {
      if (text.isEmpty()) {
        throw ValueError.typeError(s, ValueType.NUMBER);
      }
      if (text.charAt(0) == '-') {
        return Value.number(Numbers.parseDecimalInt(text));
      }
      if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
        return Value.number(Numbers.parseFloat(text));
      }
      return Value.uint(Numbers.parseDecimalUint(text));
    } catch (NumberFormatException | ValueError e) {
      throw ValueError.typeError(s, ValueType.NUMBER);
    }
  }

  /** Decodes into a string: strings, numbers, non-secret optional secrets; null → "". */
  public static String asString(Value v) {
    return switch (v) {
      case Value.Str s -> s.text();
      case Value.Number n -> Numbers.format(n);
      case Value.Null n -> "";
      case Value.OptionalSecret os when !os.isSecret() -> os.value();
      case Value.OptionalSecret os -> throw ValueError.of(v, SECRET_TO_STRING);
      case Value.Secret s -> throw ValueError.of(v, SECRET_TO_STRING);
      default -> throw ValueError.typeError(v, ValueType.STRING);
    };
  }

  /** Decodes into a number (strings are parsed); null → int 0. */
  public static Value.Number asNumber(Value v) {
    return switch (v) {
      case Value.Number n -> n;
      case Value.Null n -> ZERO;
      default -> (Value.Number) convert(v, ValueType.NUMBER);
    };
  }

  /** Decodes into an int64 (Go's {@code int64(x)} for other kinds); null → 0. */
  public static long asLong(Value v) {
    return asNumber(v).int64();
  }

  /** Decodes into a float64; null → 0. */
  public static double asDouble(Value v) {
    return asNumber(v).float64();
  }

  /** Decodes into a bool; null → false. Strings are not converted. */
  public static boolean asBool(Value v) {
    return switch (v) {
      case Value.Bool b -> b.value();
      case Value.Null n -> false;
      default -> throw ValueError.typeError(v, ValueType.BOOL);
    };
  }

  /** Decodes into a list of values; null → empty. */
  public static List<Value> asArray(Value v) {
    return switch (v) {
      case Value.Array a -> a.elements();
      case Value.Null n -> List.of();
      default -> throw ValueError.typeError(v, ValueType.ARRAY);
    };
  }

  /**
   * Decodes into a list of strings, each element converted with {@link #asString}; a failing
   * element is reported with its index.
   */
  public static List<String> asStringList(Value v) {
    List<Value> elements = asArray(v);
    String[] out = new String[elements.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = asString(elements.get(i));
      } catch (ValueError e) {
        throw e.atElement(i);
      }
    }
    return List.of(out);
  }

  /** Decodes into a map of values; null → empty. */
  public static Map<String, Value> asObject(Value v) {
    return switch (v) {
      case Value.Obj o -> o.fields();
      case Value.Null n -> Map.of();
      default -> throw ValueError.typeError(v, ValueType.OBJECT);
    };
  }

  /**
   * Decodes into a secret: strings, secrets and optional secrets convert; null → empty secret.
   * Anything else is {@code expected capsule, got <type>} as in Alloy.
   */
  public static Value.Secret asSecret(Value v) {
    return switch (v) {
      case Value.Secret s -> s;
      case Value.Str s -> Value.secret(s.text());
      case Value.OptionalSecret os -> Value.secret(os.value());
      case Value.Null n -> Value.secret("");
      default -> throw ValueError.typeError(v, ValueType.CAPSULE);
    };
  }

  /**
   * Decodes into an optional secret: a string becomes a non-secret one, a secret a secret one; null
   * → empty non-secret.
   */
  public static Value.OptionalSecret asOptionalSecret(Value v) {
    return switch (v) {
      case Value.OptionalSecret os -> os;
      case Value.Str s -> Value.optionalSecret(s.text(), false);
      case Value.Secret s -> Value.optionalSecret(s.value(), true);
      case Value.Null n -> Value.optionalSecret("", false);
      default -> throw ValueError.typeError(v, ValueType.CAPSULE);
    };
  }

  /**
   * Decodes into a duration: the value as a string, parsed with Go's {@code time.ParseDuration};
   * null → zero.
   */
  public static Duration asDuration(Value v) {
    if (v instanceof Value.Null) {
      return Duration.ZERO;
    }
    String text = asString(v);
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw ValueError.of(v, e.getMessage());
    }
  }

  /** Decodes into a base-2 byte size ({@code "1MiB"}, {@code "512KB"}); null → zero. */
  public static ByteSize asByteSize(Value v) {
    if (v instanceof Value.Null) {
      return new ByteSize(0);
    }
    String text = asString(v);
    try {
      return ByteSize.parse(text);
    } catch (IllegalArgumentException e) {
      throw ValueError.of(v, e.getMessage());
    }
  }
}
