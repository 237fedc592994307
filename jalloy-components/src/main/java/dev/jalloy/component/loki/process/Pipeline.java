package dev.jalloy.component.loki.process;

import dev.jalloy.component.loki.process.stages.StageConfig;
import java.util.List;

/**
 * A list of stages run in order: what {@code loki.process} runs, and what {@code stage.match} runs
 * for its nested stages. An entry a stage emits goes to the next stage; what the last one emits
 * goes to the caller's emitter.
 *
 * <p>Like its stages, a pipeline is driven by one thread at a time; the owner serialises calls.
 */
public final class Pipeline implements Stage {
  private final List<Stage> stages;

  /** A pipeline of built stages. */
  public Pipeline(List<? extends Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /**
   * Builds every stage of {@code configs}, in order.
   *
   * @throws IllegalArgumentException when a stage rejects its configuration
   */
  public static Pipeline build(List<? extends StageConfig> configs, StageContext context) {
    return new Pipeline(configs.stream().map(c -> c.build(context)).toList());
  }

  /** How many stages there are. */
  public int size() {
    return stages.size();
  }

  /** Runs {@code entry} through every stage; survivors reach {@code out}. */
  @Override
  public void process(PipelineEntry entry, Emitter out) throws InterruptedException {
    run(0, entry, out);
  }

  private void run(int index, PipelineEntry entry, Emitter out) throws InterruptedException {
    if (index == stages.size()) {
      out.emit(entry);
      return;
    }
    stages.get(index).process(entry, e -> run(index + 1, e, out));
  }

  /**
   * Flushes every stage in order, so that what an early stage releases still passes the stages
   * after it (and is flushed by them, when {@code all}).
   */
  @Override
  public void flush(Emitter out, boolean all) throws InterruptedException {
    for (int i = 0; i < stages.size(); i++) {
      int next = i + 1;
      stages.get(i).flush(e -> run(next, e, out), all);
    }
  }
}
