package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;

/**
 * {@code stage.match}: entries the selector picks go through the nested stages ({@code keep}) or
 * are dropped and counted ({@code drop}); the others pass unchanged.
 */
final class MatchStage implements Stage {
  private final LogqlSelector selector;
  private final boolean drop;
  private final String dropReason;
  private final NestedPipeline nested;
  private final StageContext context;

  MatchStage(MatchConfig config, StageContext context) {
    this.selector = config.parsedSelector();
    this.drop = config.action().equals("drop");
    this.dropReason =
        config.dropCounterReason().isEmpty() ? "match_stage" : config.dropCounterReason();
    this.nested = drop ? null : new NestedPipeline(config.stages(), context);
    this.context = context;
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    if (!selector.matches(entry.labels, entry.line)) {
      next.emit(entry);
    } else if (drop) {
      context.drops().dropped(dropReason);
    } else {
      nested.process(entry, next);
    }
  }

  @Override
  public void flush(Emitter next, boolean all) throws InterruptedException {
    if (nested != null) {
      nested.flush(next, all);
    }
  }
}
