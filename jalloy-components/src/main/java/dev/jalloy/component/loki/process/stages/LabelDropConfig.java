package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.List;

/**
 * {@code stage.label_drop}: removes the listed labels.
 *
 * @param values the label names to remove
 */
@BlockName("label_drop")
public record LabelDropConfig(@Attr("values") List<String> values)
    implements StageConfig, Validated {

  @Override
  public void validate() {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("labeldrop stage config cannot be empty");
    }
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    List<String> names = List.copyOf(values);
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        names.forEach(entry.labels::remove);
        next.emit(entry);
      }
    };
  }
}
