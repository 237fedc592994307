package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.List;
import java.util.Set;

/**
 * {@code stage.label_keep}: removes every label not listed.
 *
 * @param values the label names to keep
 */
@BlockName("label_keep")
public record LabelKeepConfig(@Attr("values") List<String> values)
    implements StageConfig, Validated {

  @Override
  public void validate() {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("labelallow stage config cannot be empty");
    }
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    Set<String> keep = Set.copyOf(values);
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        entry.labels.keySet().retainAll(keep);
        next.emit(entry);
      }
    };
  }
}
