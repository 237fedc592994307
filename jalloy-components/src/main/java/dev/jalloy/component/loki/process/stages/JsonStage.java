package dev.jalloy.component.loki.process.stages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stage.json}, after Alloy's {@code stages/json.go}. The input must be a JSON object.
 * Expressions are evaluated, then top-level keys matching {@code regex} are stored under their own
 * names. Results are stored as Alloy stores them: strings and booleans as they are, numbers as
 * doubles (Go decodes every JSON number to float64), null as null, objects and arrays re-encoded as
 * JSON text the way Go's {@code encoding/json} writes it (keys sorted). A malformed input leaves
 * the entry unchanged, or drops it silently with {@code drop_malformed}.
 */
final class JsonStage implements Stage {
  private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

  private final JsonConfig config;
  private final Map<String, Expression<JsonNode>> expressions;
  private final GoMatcher regex; // null when unset; the stage's own

  JsonStage(JsonConfig config, Map<String, Expression<JsonNode>> expressions) {
    this.config = config;
    this.expressions = expressions;
    this.regex = config.regex().isEmpty() ? null : GoRegex.compile(config.regex()).matcher();
  }

  static Map<String, Expression<JsonNode>> compile(JsonConfig c) {
    if (c.expressions().isEmpty() && c.regex().isEmpty()) {
      throw new IllegalArgumentException("JMES expressions or regex is required");
    }
    if (c.source().isPresent() && c.source().get().isEmpty()) {
      throw new IllegalArgumentException("empty source");
    }
    Map<String, Expression<JsonNode>> compiled = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(c.expressions().keySet());
    Collections.sort(names);
    for (String name : names) {
      String e = c.expressions().get(name);
      String jmes = e == null || e.isEmpty() ? name : e;
      try {
        compiled.put(name, JMESPATH.compile(jmes));
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException(
            "could not compile JMES expression: " + ex.getMessage(), ex);
      }
    }
    StageSupport.compile(c.regex(), "error parsing regexp");
    return compiled;
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    if (!extract(entry) && config.dropMalformed()) {
      return;
    }
    next.emit(entry);
  }

  /** False only when the input is malformed. */
  private boolean extract(PipelineEntry entry) {
    Optional<String> input = StageSupport.input(entry, config.source());
    if (input.isEmpty()) {
      return true;
    }
    JsonNode data;
    try {
      data = DockerStage.JSON.readTree(input.get());
    } catch (JsonProcessingException e) {
      return false;
    }
    if (data == null || !(data.isObject() || data.isNull())) {
      return false;
    }
    for (var e : expressions.entrySet()) {
      JsonNode r;
      try {
        r = e.getValue().search(data);
      } catch (RuntimeException ex) {
        continue;
      }
      entry.extracted.put(e.getKey(), toExtracted(r));
    }
    if (regex != null && data.isObject()) {
      for (Map.Entry<String, JsonNode> p : data.properties()) {
        if (regex.find(p.getKey())) {
          entry.extracted.put(p.getKey(), toExtracted(p.getValue()));
        }
      }
    }
    return true;
  }

  static Object toExtracted(JsonNode r) {
    if (r == null || r.isNull() || r.isMissingNode()) {
      return null;
    }
    if (r.isTextual()) {
      return r.textValue();
    }
    if (r.isNumber()) {
      return r.doubleValue();
    }
    if (r.isBoolean()) {
      return r.booleanValue();
    }
    StringBuilder sb = new StringBuilder();
    writeGoJson(sb, r);
    return sb.toString();
  }

  /** JSON as Go's {@code encoding/json} marshals decoded values: sorted keys, float64 numbers. */
  static void writeGoJson(StringBuilder sb, JsonNode n) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Map.Entry<String, JsonNode> p : n.properties()) {
        keys.add(p.getKey());
      }
      Collections.sort(keys);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        StageSupport.appendJsonString(sb, keys.get(i));
        sb.append(':');
        writeGoJson(sb, n.get(keys.get(i)));
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeGoJson(sb, n.get(i));
      }
      sb.append(']');
    } else if (n.isTextual()) {
      StageSupport.appendJsonString(sb, n.textValue());
    } else if (n.isNumber()) {
      sb.append(goJsonFloat(n.doubleValue()));
    } else if (n.isBoolean()) {
      sb.append(n.booleanValue());
    } else {
      sb.append("null");
    }
  }

  /** Go's JSON float format: plain decimal, exponent form below 1e-6 and from 1e21. */
  static String goJsonFloat(double d) {
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      String s = Double.toString(d).replace(".0E", "E"); // 1.0E21 -> 1E21
      int e = s.indexOf('E');
      String mantissa = s.substring(0, e);
      String exp = s.substring(e + 1);
      String sign = exp.startsWith("-") ? "-" : "+";
      exp = exp.replace("-", "");
      if (exp.length() < 2) {
        exp = "0" + exp;
      }
      return mantissa + "e" + sign + exp;
    }
    return StageSupport.formatFloat(d);
  }
}
