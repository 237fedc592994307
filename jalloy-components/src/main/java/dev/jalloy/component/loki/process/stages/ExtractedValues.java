package dev.jalloy.component.loki.process.stages;

import dev.jalloy.syntax.go.GoFloat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Alloy's {@code getString} (stages/util.go): how an extracted value reads as a string. Strings as
 * they are, integers in decimal, floats in Go's shortest {@code 'f'} form, booleans as {@code
 * true}/{@code false}; anything else (maps, lists, null) has no string form.
 */
final class ExtractedValues {
  private ExtractedValues() {}

  static Optional<String> asString(Object value) {
    return switch (value) {
      case String s -> Optional.of(s);
      case Boolean b -> Optional.of(b ? "true" : "false");
      case Integer i -> Optional.of(Long.toString(i));
      case Long l -> Optional.of(Long.toString(l));
      case Short s -> Optional.of(Long.toString(s));
      case Byte b -> Optional.of(Long.toString(b));
      case BigInteger bi -> Optional.of(bi.toString());
      case BigDecimal bd -> Optional.of(GoFloat.format(bd.doubleValue(), 'f', -1));
      case Float f -> Optional.of(GoFloat.format(f, 'f', -1));
      case Double d -> Optional.of(GoFloat.format(d, 'f', -1));
      case null, default -> Optional.empty();
    };
  }
}
