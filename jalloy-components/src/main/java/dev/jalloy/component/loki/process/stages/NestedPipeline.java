package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import java.util.List;

/**
 * The stages nested in a {@code stage.match}, run in order: each stage's emitter hands the entry to
 * the next stage, the last one to the caller's emitter. Kept in this package so the match stage
 * does not depend on the component's own pipeline class.
 */
final class NestedPipeline {
  private final List<Stage> stages;

  NestedPipeline(List<StageConfig> configs, StageContext context) {
    this.stages = configs.stream().map(c -> c.build(context)).toList();
  }

  void process(PipelineEntry entry, Stage.Emitter last) throws InterruptedException {
    run(0, entry, last);
  }

  void flush(Stage.Emitter last, boolean all) throws InterruptedException {
    for (int i = 0; i < stages.size(); i++) {
      int from = i + 1;
      stages.get(i).flush(e -> run(from, e, last), all);
    }
  }

  private void run(int index, PipelineEntry entry, Stage.Emitter last) throws InterruptedException {
    if (index == stages.size()) {
      last.emit(entry);
      return;
    }
    stages.get(index).process(entry, e -> run(index + 1, e, last));
  }
}
