package dev.jalloy.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on a thread whose interrupt status is already set, as a component's thread is when it
 * stops and saves its last state: for tests that such code neither fails (a FileChannel closes on
 * interrupt) nor swallows the interrupt.
 */
public final class InterruptedThread {
  private InterruptedThread() {}

  /** Code to run; may throw. */
  @FunctionalInterface
  public interface Action {
    /** Runs. */
    void run() throws Exception;
  }

  /**
   * What happened.
   *
   * @param finished whether the thread ended within the wait (false: it hangs)
   * @param failure what the action threw, or null
   * @param stillInterrupted whether the thread's interrupt status was set when the action returned
   */
  public record Outcome(boolean finished, Throwable failure, boolean stillInterrupted) {}

  /** Runs {@code action} on a new interrupted platform thread and waits up to {@code wait}. */
  public static Outcome run(Duration wait, Action action) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread thread =
        Thread.ofPlatform()
            .start(
                () -> {
                  Thread.currentThread().interrupt();
                  try {
                    action.run();
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                  stillInterrupted.set(Thread.currentThread().isInterrupted());
                });
    thread.join(wait);
    return new Outcome(!thread.isAlive(), failure.get(), stillInterrupted.get());
  }
}
