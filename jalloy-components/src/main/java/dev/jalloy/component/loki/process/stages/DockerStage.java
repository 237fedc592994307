package dev.jalloy.component.loki.process.stages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import java.util.Map;

/**
 * {@code stage.docker}, after Alloy's {@code stages/docker.go}: the line is decoded as {@code
 * {"log", "stream", "time"}} into Go struct fields, so absent fields are empty strings, field names
 * match case-insensitively, and a field of another type or a line that is not a JSON object leaves
 * the entry unchanged. Sets extracted {@code output}, {@code stream}, {@code timestamp}; line :=
 * {@code log}; label {@code stream}; timestamp from {@code time} when it is RFC 3339.
 */
final class DockerStage implements Stage {
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    decode(entry);
    next.emit(entry);
  }

  private static void decode(PipelineEntry entry) {
    JsonNode root;
    try {
      root = JSON.readTree(entry.line);
    } catch (JsonProcessingException e) {
      return;
    }
    if (root == null || root.isMissingNode()) {
      return;
    }
    String log = "";
    String stream = "";
    String time = "";
    if (!root.isNull()) {
      if (!root.isObject()) {
        return;
      }
      String[] values = {null, null, null};
      String[] names = {"log", "stream", "time"};
      for (int k = 0; k < names.length; k++) {
        JsonNode v = field(root, names[k]);
        if (v == null || v.isNull()) {
          continue;
        }
        if (!v.isTextual()) {
          return; // Go's Unmarshal reports a type error; the stage leaves the entry alone
        }
        values[k] = v.textValue();
      }
      log = values[0] == null ? "" : values[0];
      stream = values[1] == null ? "" : values[1];
      time = values[2] == null ? "" : values[2];
    }
    entry.extracted.put("output", log);
    entry.extracted.put("stream", stream);
    entry.extracted.put("timestamp", time);
    entry.line = log;
    entry.labels.put("stream", stream);
    StageSupport.parseRfc3339Nano(time).ifPresent(ts -> entry.timestampNanos = ts);
  }

  /** Go's struct field matching: the exact name, else the last case-insensitive match. */
  private static JsonNode field(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    JsonNode found = null;
    for (Map.Entry<String, JsonNode> f : object.properties()) {
      if (f.getKey().equalsIgnoreCase(name)) {
        found = f.getValue();
      }
    }
    return found;
  }
}
