package dev.jalloy.component;

import java.time.Duration;

/** What a running component can ask of the controller while it runs. */
public interface RunContext {
  /** Whether the component has been asked to stop. */
  boolean isCancelled();

  /** Blocks until the component is asked to stop. */
  void awaitCancellation() throws InterruptedException;

  /**
   * Waits up to {@code timeout} for the component to be asked to stop.
   *
   * @return true when cancelled, false when the time ran out (time for periodic work)
   */
  boolean awaitCancellation(Duration timeout) throws InterruptedException;
}
