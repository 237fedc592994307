package dev.jalloy.syntax.stdlib;

import dev.jalloy.syntax.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Converts the plain Java trees that YAML and JSONPath libraries produce (maps, lists, boxed
 * numbers, strings) into Alloy values, with numbers kept as int64 when they are integers, as Go's
 * YAML and JSONPath decoders do.
 */
final class JavaValues {
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private JavaValues() {}

  static Value toValue(Object o) {
    return switch (o) {
      case null -> Value.NULL;
      case String s -> Value.string(s);
      case Boolean b -> Value.bool(b);
      case Integer i -> Value.number(i.longValue());
      case Long l -> Value.number(l.longValue());
      case Short s -> Value.number(s.longValue());
      case Byte b -> Value.number(b.longValue());
      case BigInteger bi -> {
        if (bi.signum() >= 0 && bi.compareTo(UINT64_MAX) <= 0) {
          yield Value.uint(bi.longValue());
        }
        yield Value.number(bi.doubleValue());
      }
      case BigDecimal bd -> Value.number(bd.doubleValue());
      case Number n -> Value.number(n.doubleValue());
      case byte[] bytes -> Value.string(new String(bytes, StandardCharsets.UTF_8));
      case Map<?, ?> m -> {
        Value.ObjectBuilder b = Value.objectBuilder();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          // Go's YAML decoder keeps non-string keys in a map Alloy cannot index; their text is
          // the closest usable equivalent.
          b.put(String.valueOf(e.getKey()), toValue(e.getValue()));
        }
        yield b.build();
      }
      case Collection<?> c -> {
        List<Value> out = new ArrayList<>(c.size());
        for (Object e : c) {
          out.add(toValue(e));
        }
        yield Value.array(out);
      }
      default -> Value.string(o.toString());
    };
  }
}
