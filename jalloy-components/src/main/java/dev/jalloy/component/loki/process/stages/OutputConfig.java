package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;

/**
 * {@code stage.output}: replaces the line with an extracted value, when present and convertible to
 * a string (after Alloy's {@code stages/output.go}).
 *
 * @param source the extracted name
 */
@BlockName("output")
public record OutputConfig(@Attr("source") String source) implements StageConfig, Validated {

  @Override
  public void validate() {
    if (source.isEmpty()) {
      throw new IllegalArgumentException("output source value is required");
    }
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        if (entry.extracted.containsKey(source)) {
          StageSupport.asString(entry.extracted.get(source)).ifPresent(s -> entry.line = s);
        }
        next.emit(entry);
      }
    };
  }
}
