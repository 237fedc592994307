package dev.jalloy.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jalloy.component.Health;
import dev.jalloy.runtime.ComponentInfo;
import dev.jalloy.syntax.decode.BodyEntry;
import dev.jalloy.syntax.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The UI API's JSON, byte for byte what Alloy's {@code component.Info.MarshalJSON} and {@code
 * syntax/encoding/alloyjson} produce, so Alloy's UI and scripts written against its API read it
 * unchanged. Alloy documents the format as unstable; this follows the code, not the docs.
 */
final class AlloyJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private AlloyJson() {}

  /** The list endpoint: health but no arguments, exports or debug info. */
  static byte[] componentList(List<ComponentInfo> components) {
    return write(
        g -> {
          g.writeStartArray();
          for (ComponentInfo c : components) {
            writeComponent(g, c, false);
          }
          g.writeEndArray();
        });
  }

  /** The detail endpoint: everything. */
  static byte[] componentDetail(ComponentInfo component) {
    return write(g -> writeComponent(g, component, true));
  }

  /** A block body alone, as {@code alloyjson.MarshalBody} writes it. */
  static byte[] body(List<BodyEntry> body) {
    return write(g -> writeBody(g, body));
  }

  /** A value alone, as {@code alloyjson.MarshalValue} writes it. */
  static byte[] value(Value value) {
    return write(g -> writeValue(g, value));
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  private static void writeComponent(JsonGenerator g, ComponentInfo c, boolean detail)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", c.name());
    g.writeStringField("type", "block");
    g.writeStringField("localID", localId(c));
    g.writeStringField("moduleID", c.moduleId());
    if (!c.label().isEmpty()) {
      g.writeStringField("label", c.label()); // omitempty upstream
    }
    writeStrings(g, "referencesTo", c.referencesTo());
    writeStrings(g, "referencedBy", c.referencedBy());
    // jalloy does not track data-flow edges yet; Alloy's UI treats an empty list as "none known".
    writeStrings(g, "dataFlowEdgesTo", c.dataFlowEdgesTo());
    g.writeObjectFieldStart("health");
    Health h = c.health();
    g.writeStringField("state", h.state().text());
    g.writeStringField("message", h.message());
    g.writeStringField("updatedTime", rfc3339(h));
    g.writeEndObject();
    g.writeStringField("original", "");
    // Upstream marshals the unset bodies of the list view as [], never omits them.
    g.writeFieldName("arguments");
    writeBody(g, detail ? c.arguments() : List.of());
    g.writeFieldName("exports");
    writeBody(g, detail ? c.exports().orElse(List.of()) : List.of());
    g.writeFieldName("debugInfo");
    writeBody(g, detail ? c.debugInfo().orElse(List.of()) : List.of());
    g.writeBooleanField("liveDebuggingEnabled", c.liveDebuggingEnabled());
    g.writeEndObject();
  }

  /** The id within its module: the part after the module id and its slash. */
  private static String localId(ComponentInfo c) {
    String prefix = c.moduleId().isEmpty() ? "" : c.moduleId() + "/";
    return c.id().startsWith(prefix) ? c.id().substring(prefix.length()) : c.id();
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** Go marshals {@code time.Time} as RFC 3339 with nanoseconds, trailing zeros trimmed. */
  private static String rfc3339(Health h) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(h.updated().atOffset(ZoneOffset.UTC));
  }

  static void writeBody(JsonGenerator g, List<BodyEntry> body) throws IOException {
    g.writeStartArray();
    for (BodyEntry e : body) {
      switch (e) {
        case BodyEntry.Attribute a -> {
          g.writeStartObject();
          g.writeStringField("name", a.name());
          g.writeStringField("type", "attr");
          g.writeFieldName("value");
          writeValue(g, a.value());
          g.writeEndObject();
        }
        case BodyEntry.Nested n -> {
          g.writeStartObject();
          g.writeStringField("name", n.name());
          g.writeStringField("type", "block");
          if (!n.label().isEmpty()) {
            g.writeStringField("label", n.label());
          }
          g.writeFieldName("body");
          writeBody(g, n.body());
          g.writeEndObject();
        }
      }
    }
    g.writeEndArray();
  }

  static void writeValue(JsonGenerator g, Value v) throws IOException {
    g.writeStartObject();
    switch (v) {
      case Value.Null n -> {
        g.writeStringField("type", "null");
        g.writeNullField("value");
      }
      case Value.Number n -> {
        g.writeStringField("type", "number");
        g.writeFieldName("value");
        double d = n.float64();
        if (Double.isFinite(d)) {
          g.writeNumber(goFloat(d));
        } else {
          // Go's encoding/json refuses NaN and infinities and the whole response fails; a
          // string keeps the page readable instead.
          g.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf");
        }
      }
      case Value.Str s -> {
        g.writeStringField("type", "string");
        g.writeStringField("value", s.text());
      }
      case Value.Bool b -> {
        g.writeStringField("type", "bool");
        g.writeBooleanField("value", b.value());
      }
      case Value.Array a -> {
        g.writeStringField("type", "array");
        g.writeArrayFieldStart("value");
        for (Value e : a.elements()) {
          writeValue(g, e);
        }
        g.writeEndArray();
      }
      case Value.Obj o -> {
        g.writeStringField("type", "object");
        g.writeArrayFieldStart("value");
        // Upstream sorts the keys of map-backed objects (labels, targets, object literals);
        // those are nearly all objects a component shows.
        List<Map.Entry<String, Value>> fields = new ArrayList<>(o.fields().entrySet());
        fields.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, Value> f : fields) {
          g.writeStartObject();
          g.writeStringField("key", f.getKey());
          g.writeFieldName("value");
          writeValue(g, f.getValue());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      case Value.Func f -> {
        g.writeStringField("type", "function");
        g.writeStringField("value", "function");
      }
      case Value.Secret s -> {
        g.writeStringField("type", "capsule");
        g.writeStringField("value", "(secret)");
      }
      case Value.OptionalSecret s -> {
        // Upstream tokenizes a non-secret as a quoted string literal: the value keeps its quotes.
        g.writeStringField("type", "capsule");
        g.writeStringField("value", s.toString());
      }
      case Value.Capsule c -> {
        g.writeStringField("type", "capsule");
        g.writeStringField("value", c.describe());
      }
    }
    g.writeEndObject();
  }

  /**
   * A float64 as Go's {@code encoding/json} writes it: the shortest decimal that reads back to the
   * same double, plain notation between 1e-6 and 1e21, otherwise exponent notation such as {@code
   * 1e+21} or {@code 1e-7}.
   */
  static String goFloat(double d) {
    if (d == 0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    double abs = Math.abs(d);
    if (abs >= 1e-6 && abs < 1e21) {
      return exact.toPlainString();
    }
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    StringBuilder sb = new StringBuilder(digits.length() + 8);
    if (d < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    // Exponents here are >= 21 or <= -7, so strconv's two-digit minimum never pads, and
    // encoding/json's trimming of "e-07" to "e-7" is what plain printing gives.
    sb.append(Math.abs(exponent));
    return sb.toString();
  }
}
