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
  // toStage[i] hands an entry to stage i, toStage[size] to the caller's emitter: built once, not
  // one emitter per stage per entry
  private final Emitter[] toStage;
  private Emitter out; // the caller's emitter, while process or flush runs

  /** A pipeline of built stages. */
  public Pipeline(List<? extends Stage> stages) {
    this.stages = List.copyOf(stages);
    this.toStage = new Emitter[this.stages.size() + 1];
    for (int i = 0; i < this.stages.size(); i++) {
      Stage stage = this.stages.get(i);
      int next = i + 1;
      toStage[i] = e -> stage.process(e, toStage[next]);
    }
    toStage[this.stages.size()] = e -> out.emit(e);
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
    Emitter outer = this.out; // a stage of ours may run this pipeline again (stage.match)
    this.out = out;
    try {
      toStage[0].emit(entry);
    } finally {
      this.out = outer;
    }
  }

  /**
   * Flushes every stage in order, so that what an early stage releases still passes the stages
   * after it (and is flushed by them, when {@code all}).
   */
  @Override
  public void flush(Emitter out, boolean all) throws InterruptedException {
    Emitter outer = this.out;
    this.out = out;
    try {
      for (int i = 0; i < stages.size(); i++) {
        stages.get(i).flush(toStage[i + 1], all);
      }
    } finally {
      this.out = outer;
    }
  }
}
