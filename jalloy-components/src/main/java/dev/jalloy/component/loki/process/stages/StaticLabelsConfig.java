package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code stage.static_labels}: sets fixed labels, after Alloy's {@code stages/static_labels.go}.
 *
 * @param values label name to value
 */
@BlockName("static_labels")
public record StaticLabelsConfig(@Attr("values") Map<String, String> values)
    implements StageConfig, Validated {

  @Override
  public void validate() {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("static_labels stage config cannot be empty");
    }
    for (var e : new TreeMap<>(values).entrySet()) {
      if (!StageSupport.validLabelName(e.getKey())) {
        throw new IllegalArgumentException("invalid label name: " + e.getKey());
      }
      if (e.getValue() != null && !StageSupport.validLabelValue(e.getValue())) {
        throw new IllegalArgumentException("invalid label value: " + e.getValue());
      }
    }
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    Map<String, String> fixed = new TreeMap<>(values);
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        entry.labels.putAll(fixed);
        next.emit(entry);
      }
    };
  }
}
