package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code stage.structured_metadata}, after Alloy's {@code stages/structured_metadata.go}: adds
 * extracted values (named in {@code values}, or whose names match {@code regex}) as structured
 * metadata, then moves labels named as sources in {@code values} (or matching {@code regex}) from
 * the label set to structured metadata. A later value for a name replaces an earlier one.
 *
 * @param values metadata name to extracted name; an empty source means the metadata name
 * @param regex extracted names (and remaining labels) matching it become metadata as they are
 */
@BlockName("structured_metadata")
public record StructuredMetadataConfig(
    @Attr(value = "values", optional = true) Map<String, String> values,
    @Attr(value = "regex", optional = true) String regex)
    implements StageConfig, Validated {

  @Override
  public void validate() {
    LabelsConfig.resolve(values);
    StageSupport.compile(regex, "error parsing regexp");
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    Map<String, String> resolved = LabelsConfig.resolve(values);
    GoMatcher re = regex.isEmpty() ? null : GoRegex.compile(regex).matcher(); // the stage's own
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        resolved.forEach(
            (name, src) -> {
              if (entry.extracted.containsKey(src)) {
                StageSupport.asString(entry.extracted.get(src))
                    .filter(StageSupport::validLabelValue)
                    .ifPresent(v -> entry.structuredMetadata.put(name, v));
              }
            });
        if (re != null) {
          new TreeMap<>(entry.extracted)
              .forEach(
                  (name, value) -> {
                    if (re.find(name)) {
                      StageSupport.asString(value)
                          .filter(StageSupport::validLabelValue)
                          .ifPresent(v -> entry.structuredMetadata.put(name, v));
                    }
                  });
        }
        List<String> found = new ArrayList<>();
        resolved.forEach(
            (name, src) -> {
              String v = entry.labels.get(src);
              if (v != null) {
                entry.structuredMetadata.put(name, v);
                found.add(src);
              }
            });
        found.forEach(entry.labels::remove);
        if (re != null) {
          found.clear();
          entry.labels.forEach(
              (name, v) -> {
                if (re.find(name)) {
                  entry.structuredMetadata.put(name, v);
                  found.add(name);
                }
              });
          found.forEach(entry.labels::remove);
        }
        next.emit(entry);
      }
    };
  }
}
