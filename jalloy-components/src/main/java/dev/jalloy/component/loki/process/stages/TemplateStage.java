package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stage.template}: the template sees every extracted value that has a string form by name,
 * {@code .Value} (the source's current value) and {@code .Entry} (the line). An empty result
 * removes the source key; an execution error leaves the entry unchanged.
 */
final class TemplateStage implements Stage {
  private final String source;
  private final GoTemplate template;
  private final StageContext context;

  TemplateStage(TemplateConfig config, StageContext context) {
    this.source = config.source();
    this.template = config.parsed();
    this.context = context;
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    Map<String, Object> data = new HashMap<>(entry.extracted.size() + 2);
    for (var e : entry.extracted.entrySet()) {
      Optional<String> s = ExtractedValues.asString(e.getValue());
      if (s.isPresent()) {
        data.put(e.getKey(), s.get());
        if (e.getKey().equals(source)) {
          data.put("Value", s.get());
        }
      }
    }
    data.put("Entry", entry.line);
    try {
      String result = template.execute(data);
      if (result.isEmpty()) {
        entry.extracted.remove(source);
      } else {
        entry.extracted.put(source, result);
      }
    } catch (RuntimeException e) {
      context
          .logger()
          .debug(
              "msg=\"failed to execute template on extracted value\" err=\"{}\"", e.getMessage());
    }
    next.emit(entry);
  }
}
