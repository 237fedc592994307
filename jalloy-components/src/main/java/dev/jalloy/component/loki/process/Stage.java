package dev.jalloy.component.loki.process;

/**
 * One {@code stage.*} block of {@code loki.process}, built from its configuration. Stages are
 * push-based: {@link #process} gets an entry and passes it on with {@link Emitter#emit} — zero
 * times to drop it, once normally, later for stages that hold entries ({@code stage.multiline}).
 *
 * <p>A stage instance serves one pipeline, which one thread drives at a time; stages need no
 * locking of their own state unless they share it with a timer ({@link #flush}).
 */
public interface Stage {
  /** Handles one entry; passes what survives (changed or not) to {@code next}. */
  void process(PipelineEntry entry, Emitter next) throws InterruptedException;

  /**
   * Emits what the stage holds that is due (a multiline block whose {@code max_wait_time} passed),
   * or everything when {@code all} is true (the component is stopping or being updated). The
   * pipeline calls it periodically and on shutdown. Most stages hold nothing.
   */
  default void flush(Emitter next, boolean all) throws InterruptedException {}

  /** Where a stage sends entries: the rest of the pipeline. */
  @FunctionalInterface
  interface Emitter {
    /** Hands an entry to the next stage. */
    void emit(PipelineEntry entry) throws InterruptedException;
  }
}
