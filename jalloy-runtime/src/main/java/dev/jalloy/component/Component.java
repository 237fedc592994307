package dev.jalloy.component;

/**
 * A running piece of a pipeline, built from one block of the configuration.
 *
 * <p>The controller builds a component with its first decoded arguments, then calls {@link #run} on
 * a thread of its own; {@link #run} blocks until the context is cancelled. New arguments arrive
 * through {@link #update} at any time, also while {@link #run} is active, so state shared between
 * the two needs a lock or a volatile swap. Exports are published through {@link
 * Options#onStateChange}.
 *
 * @param <A> the arguments record, decoded from the block body
 */
public interface Component<A extends Record> {
  /**
   * Runs until {@code context} is cancelled (the run thread is also interrupted). Returning early,
   * or throwing, marks the component exited; the rest of the graph keeps running.
   */
  void run(RunContext context) throws Exception;

  /**
   * Applies new arguments. Called only when they differ from the previous ones. Throwing an {@link
   * IllegalArgumentException} reports the arguments as invalid; the component keeps its last good
   * arguments.
   */
  void update(A arguments) throws Exception;
}
