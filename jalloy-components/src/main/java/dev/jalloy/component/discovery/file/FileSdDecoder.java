package dev.jalloy.component.discovery.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Decodes a {@code file_sd} file: a list of {@code {targets: [...], labels: {...}}} groups. Follows
 * Prometheus' {@code discovery/file/file.go} {@code readFile} and {@code targetgroup.Group}'s
 * unmarshalling: the extension picks the format, unknown fields are errors (JSON's {@code
 * DisallowUnknownFields}, YAML's {@code UnmarshalStrict}), and a label name that is not a valid
 * Prometheus label name fails the whole file with {@code "x-y" is not a valid label name}.
 */
final class FileSdDecoder {
  /** Prometheus' legacy label name rule, which Alloy's scrape path still enforces. */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private FileSdDecoder() {}

  /** One group: target addresses and the labels they share. */
  record TargetGroup(List<String> targets, Map<String, String> labels) {}

  /** Why a file could not be decoded; the message is what is logged and shown in health. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
      super(message);
    }
  }

  /** Decodes {@code content} by the extension of {@code filename} ({@code .json}, {@code .yml}). */
  static List<TargetGroup> decode(String filename, byte[] content) throws DecodeException {
    String lower = filename.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return decodeJson(content);
    }
    if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
      return decodeYaml(new String(content, StandardCharsets.UTF_8));
    }
    int dot = filename.lastIndexOf('.');
    throw new DecodeException(
        "unhandled file extension " + goQuote(dot < 0 ? "" : filename.substring(dot)));
  }

  // --- JSON -------------------------------------------------------------------------------------

  static List<TargetGroup> decodeJson(byte[] content) throws DecodeException {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new DecodeException(e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new DecodeException(e.toString());
    }
    if (root == null || root.isMissingNode()) {
      throw new DecodeException("unexpected end of JSON input");
    }
    if (root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw jsonType(root, "[]*targetgroup.Group");
    }
    List<TargetGroup> groups = new ArrayList<>();
    for (JsonNode element : root) {
      if (element.isNull()) {
        throw new DecodeException("nil target group item found");
      }
      if (!element.isObject()) {
        throw jsonType(element, "targetgroup.Group");
      }
      List<String> targets = List.of();
      Map<String, String> labels = Map.of();
      for (Map.Entry<String, JsonNode> field : element.properties()) {
        // encoding/json matches field names case-insensitively
        if (field.getKey().equalsIgnoreCase("targets")) {
          targets = jsonStrings(field.getValue());
        } else if (field.getKey().equalsIgnoreCase("labels")) {
          labels = jsonLabels(field.getValue());
        } else {
          throw new DecodeException("json: unknown field " + goQuote(field.getKey()));
        }
      }
      groups.add(new TargetGroup(targets, labels));
    }
    return groups;
  }

  private static List<String> jsonStrings(JsonNode node) throws DecodeException {
    if (node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw jsonType(node, "[]string");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode t : node) {
      if (!t.isNull() && !t.isTextual()) {
        throw jsonType(t, "string");
      }
      out.add(t.isNull() ? "" : t.textValue());
    }
    return out;
  }

  private static Map<String, String> jsonLabels(JsonNode node) throws DecodeException {
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw jsonType(node, "model.LabelSet");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : node.properties()) {
      JsonNode v = label.getValue();
      if (!v.isNull() && !v.isTextual()) {
        throw jsonType(v, "model.LabelValue");
      }
      out.put(label.getKey(), v.isNull() ? "" : v.textValue());
    }
    return validLabels(out);
  }

  private static DecodeException jsonType(JsonNode node, String goType) {
    String kind =
        switch (node.getNodeType()) {
          case ARRAY -> "array";
          case OBJECT -> "object";
          case STRING -> "string";
          case NUMBER -> "number";
          case BOOLEAN -> "bool";
          default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    return new DecodeException(
        "json: cannot unmarshal " + kind + " into Go value of type " + goType);
  }

  // --- YAML -------------------------------------------------------------------------------------

  static List<TargetGroup> decodeYaml(String content) throws DecodeException {
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().build()).composeString(content);
    } catch (YamlEngineException e) {
      throw new DecodeException("yaml: " + e.getMessage().strip());
    }
    if (root.isEmpty() || isNull(root.get())) {
      return List.of(); // an empty file holds no groups
    }
    if (!(root.get() instanceof SequenceNode seq)) {
      throw yamlType(root.get(), "[]*targetgroup.Group");
    }
    List<TargetGroup> groups = new ArrayList<>();
    for (Node element : seq.getValue()) {
      if (isNull(element)) {
        throw new DecodeException("nil target group item found");
      }
      if (!(element instanceof MappingNode map)) {
        throw yamlType(element, "targetgroup.Group");
      }
      List<String> targets = List.of();
      Map<String, String> labels = Map.of();
      Set<String> seen = new HashSet<>();
      for (NodeTuple field : map.getValue()) {
        String key = yamlScalar(field.getKeyNode(), "string");
        if (!seen.add(key)) {
          throw yamlError(field.getKeyNode(), "key " + goQuote(key) + " already set in map");
        }
        Node value = field.getValueNode();
        switch (key) {
          case "targets" -> targets = yamlStrings(value);
          case "labels" -> labels = yamlLabels(value);
          default ->
              throw yamlError(field.getKeyNode(), "field " + key + " not found in type group");
        }
      }
      groups.add(new TargetGroup(targets, labels));
    }
    return groups;
  }

  private static List<String> yamlStrings(Node node) throws DecodeException {
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode seq)) {
      throw yamlType(node, "[]string");
    }
    List<String> out = new ArrayList<>();
    for (Node t : seq.getValue()) {
      out.add(yamlScalar(t, "string"));
    }
    return out;
  }

  private static Map<String, String> yamlLabels(Node node) throws DecodeException {
    if (isNull(node)) {
      return Map.of();
    }
    if (!(node instanceof MappingNode map)) {
      throw yamlType(node, "model.LabelSet");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (NodeTuple label : map.getValue()) {
      String name = yamlScalar(label.getKeyNode(), "model.LabelName");
      if (out.containsKey(name)) {
        throw yamlError(label.getKeyNode(), "key " + goQuote(name) + " already set in map");
      }
      out.put(name, yamlScalar(label.getValueNode(), "model.LabelValue"));
    }
    return validLabels(out);
  }

  /** A scalar as yaml.v2 puts it into a string: its text as written, whatever its tag. */
  private static String yamlScalar(Node node, String goType) throws DecodeException {
    if (!(node instanceof ScalarNode scalar)) {
      throw yamlType(node, goType);
    }
    return isNull(node) ? "" : scalar.getValue();
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  private static DecodeException yamlType(Node node, String goType) {
    String what =
        switch (node) {
          case ScalarNode s ->
              node.getTag().getValue().replace(Tag.PREFIX, "!!") + " `" + s.getValue() + "`";
          case SequenceNode s -> "!!seq";
          default -> "!!map";
        };
    return yamlError(node, "cannot unmarshal " + what + " into " + goType);
  }

  private static DecodeException yamlError(Node node, String message) {
    int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    return new DecodeException("yaml: unmarshal errors:\n  line " + line + ": " + message);
  }

  // --- shared -----------------------------------------------------------------------------------

  private static Map<String, String> validLabels(Map<String, String> labels)
      throws DecodeException {
    for (String name : labels.keySet()) {
      if (!LABEL_NAME.matcher(name).matches()) {
        throw new DecodeException(goQuote(name) + " is not a valid label name");
      }
    }
    return labels;
  }

  /** Go's {@code %q} for the strings that show up here. */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    b.append(String.format(Locale.ROOT, "\\x%02x", c));
                  } else {
                    b.appendCodePoint(c);
                  }
                }
              }
            });
    return b.append('"').toString();
  }
}
