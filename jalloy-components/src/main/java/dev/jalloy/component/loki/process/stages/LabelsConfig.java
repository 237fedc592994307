package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stage.labels}: sets labels from extracted values (or structured metadata).
 *
 * @param values label name to source name; an empty source means the label name
 * @param sourceType {@code extracted} (default) or {@code structured_metadata}
 */
@BlockName("labels")
public record LabelsConfig(
    @Attr("values") Map<String, String> values,
    @Attr(value = "source_type", optional = true) String sourceType)
    implements StageConfig, Validated {

  /** Labels from the extracted map. */
  public static LabelsConfig defaults() {
    return new LabelsConfig(Map.of(), "extracted");
  }

  @Override
  public void validate() {
    if (!sourceType.isEmpty()
        && !sourceType.equals("extracted")
        && !sourceType.equals("structured_metadata")) {
      throw new IllegalArgumentException(
          "invalid labels source_type: "
              + sourceType
              + ". Can only be 'extracted' or 'structured_metadata'");
    }
    resolve(values);
  }

  /**
   * Label name to source, with Alloy's name check; shared with {@code stage.structured_metadata}.
   */
  static Map<String, String> resolve(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.keySet().stream()
        .sorted()
        .forEach(
            name -> {
              if (!StageSupport.validLabelName(name)) {
                throw new IllegalArgumentException("invalid label name: " + name);
              }
              String src = values.get(name);
              out.put(name, src == null || src.isEmpty() ? name : src);
            });
    return out;
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    Map<String, String> resolved = resolve(values);
    String[] names = resolved.keySet().toArray(String[]::new);
    String[] sources = resolved.values().toArray(String[]::new);
    boolean fromMetadata = sourceType.equals("structured_metadata");
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        for (int i = 0; i < names.length; i++) {
          String v;
          if (fromMetadata) {
            v = entry.structuredMetadata.get(sources[i]);
          } else {
            Object raw = entry.extracted.get(sources[i]);
            v = raw instanceof String str ? str : StageSupport.asString(raw).orElse(null);
          }
          if (v != null && StageSupport.validLabelValue(v)) {
            entry.labels.put(names[i], v);
          }
        }
        next.emit(entry);
      }
    };
  }
}
