package dev.jalloy.syntax.value;

import java.util.LinkedHashMap;
import java.util.Map;

/** Short value constructors that keep the test tables readable. */
final class V {
  private V() {}

  static Value.Int i(long v) {
    return Value.number(v);
  }

  static Value.Uint u(long bits) {
    return Value.uint(bits);
  }

  static Value.Float f(double v) {
    return Value.number(v);
  }

  static Value.Str s(String v) {
    return Value.string(v);
  }

  static Value.Bool b(boolean v) {
    return Value.bool(v);
  }

  static Value.Array arr(Value... elements) {
    return Value.array(elements);
  }

  /** An object from alternating keys and values. */
  static Value.Obj obj(Object... kv) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      m.put((String) kv[k], (Value) kv[k + 1]);
    }
    return Value.object(m);
  }

  static Value.Secret sec(String v) {
    return Value.secret(v);
  }

  static Value.OptionalSecret opt(String v, boolean secret) {
    return Value.optionalSecret(v, secret);
  }
}
