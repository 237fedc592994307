package dev.jalloy.syntax.stdlib;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jalloy.syntax.go.GoFloat;
import dev.jalloy.syntax.go.GoStrings;
import dev.jalloy.syntax.value.Conversions;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.value.ValueError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as Alloy's {@code encoding.from_json} / {@code encoding.to_json} see it, i.e. as Go's {@code
 * encoding/json} does: decoding turns every number into a float64; encoding sorts object keys
 * byte-wise, escapes {@code < > &} and U+2028/U+2029 as {@code \u003c}-style escapes and prints
 * floats in Go's shortest form.
 */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /** Parses JSON text; numbers become float64 like Go's {@code json.Unmarshal} into any. */
  static Value decode(Value source, String text) {
    JsonNode node;
    try {
      if (text.isBlank()) {
        throw ValueError.of(source, "unexpected end of JSON input");
      }
      node = MAPPER.readTree(text);
    } catch (JsonEOFException e) {
      throw ValueError.of(source, "unexpected end of JSON input");
    } catch (JsonProcessingException e) {
      throw ValueError.of(source, "invalid JSON: " + e.getOriginalMessage());
    }
    return fromNode(source, node);
  }

  private static Value fromNode(Value source, JsonNode n) {
    return switch (n.getNodeType()) {
      case NULL, MISSING -> Value.NULL;
      case BOOLEAN -> Value.bool(n.booleanValue());
      case STRING -> Value.string(n.textValue());
      case NUMBER -> {
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
          throw ValueError.of(
              source,
              "json: cannot unmarshal number " + n.asText() + " into Go value of type float64");
        }
        yield Value.number(d);
      }
      case ARRAY -> {
        List<Value> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
          out.add(fromNode(source, e));
        }
        yield Value.array(out);
      }
      case OBJECT -> {
        Value.ObjectBuilder b = Value.objectBuilder();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          b.put(e.getKey(), fromNode(source, e.getValue()));
        }
        yield b.build();
      }
      default -> throw ValueError.of(source, "unsupported JSON value");
    };
  }

  /** Encodes like Go's {@code json.Marshal}. */
  static String encode(Value v) {
    StringBuilder sb = new StringBuilder();
    encode(sb, v);
    return sb.toString();
  }

  private static void encode(StringBuilder sb, Value v) {
    switch (v) {
      case Value.Null n -> sb.append("null");
      case Value.Bool b -> sb.append(b.value());
      case Value.Int i -> sb.append(i.value());
      case Value.Uint u -> sb.append(Long.toUnsignedString(u.value()));
      case Value.Float f -> appendFloat(sb, f);
      case Value.Str s -> appendString(sb, s.text());
      case Value.OptionalSecret os -> appendString(sb, Conversions.asString(os));
      case Value.Secret s -> throw ValueError.of(s, Conversions.SECRET_TO_STRING);
      case Value.Array a -> {
        sb.append('[');
        List<Value> elements = a.elements();
        for (int i = 0; i < elements.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          try {
            encode(sb, elements.get(i));
          } catch (ValueError e) {
            throw e.atElement(i);
          }
        }
        sb.append(']');
      }
      case Value.Obj o -> {
        List<String> keys = new ArrayList<>(o.fields().keySet());
        keys.sort(GoStrings::compare);
        sb.append('{');
        boolean first = true;
        for (String k : keys) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          appendString(sb, k);
          sb.append(':');
          try {
            encode(sb, o.fields().get(k));
          } catch (ValueError e) {
            throw e.atField(k);
          }
        }
        sb.append('}');
      }
      case Value.Func f -> throw ValueError.of(v, "json: unsupported type: func");
      case Value.Capsule c -> throw ValueError.of(v, "json: unsupported type: " + c.typeName());
    }
  }

  private static void appendFloat(StringBuilder sb, Value.Float f) {
    double d = f.value();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw ValueError.of(f, "json: unsupported value: " + GoFloat.format(d, 'g', -1));
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      String s = GoFloat.format(d, 'e', -1);
      // Go shortens e-07 to e-7.
      int n = s.length();
      if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
        s = s.substring(0, n - 2) + s.charAt(n - 1);
      }
      sb.append(s);
    } else {
      sb.append(GoFloat.format(d, 'f', -1));
    }
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            sb.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          } else if (Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(s.charAt(i - 1)))) {
            // A lone surrogate is invalid UTF-8 to Go, which writes the replacement character.
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
