package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code stage.pack}: wraps the line and chosen extracted values (labels included) into a JSON
 * object, {@code {"k":"v",...,"_entry":"line"}} with the keys sorted, and removes the packed labels
 * (after Alloy's {@code stages/pack.go}).
 *
 * @param labels the extracted names to pack
 * @param ingestTimestamp whether the entry's timestamp becomes the time of packing
 */
@BlockName("pack")
public record PackConfig(
    @Attr("labels") List<String> labels,
    @Attr(value = "ingest_timestamp", optional = true) boolean ingestTimestamp)
    implements StageConfig {

  /** Alloy's default: {@code ingest_timestamp = true}. */
  public static PackConfig defaults() {
    return new PackConfig(List.of(), true);
  }

  @Override
  public Stage build(StageContext context) {
    List<String> names = List.copyOf(labels);
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        Map<String, String> packed = new TreeMap<>();
        List<String> found = new ArrayList<>();
        for (String name : names) {
          if (!entry.extracted.containsKey(name)) {
            continue;
          }
          Optional<String> v = StageSupport.asString(entry.extracted.get(name));
          if (v.isPresent()) {
            packed.put(name, v.get());
            found.add(name);
          }
        }
        StringBuilder sb = new StringBuilder("{");
        packed.forEach(
            (k, v) -> {
              StageSupport.appendJsonString(sb, k);
              sb.append(':');
              StageSupport.appendJsonString(sb, v);
              sb.append(',');
            });
        sb.append("\"_entry\":");
        StageSupport.appendJsonString(sb, entry.line);
        sb.append('}');
        found.forEach(entry.labels::remove);
        entry.line = sb.toString();
        if (ingestTimestamp) {
          var now = context.clock().instant();
          entry.timestampNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
        next.emit(entry);
      }
    };
  }
}
