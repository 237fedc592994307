package dev.jalloy.component.common.wal;

import java.time.Duration;

/**
 * Stopping a thread that owns a WAL position, so that the final position store happens even when
 * the stopping thread is interrupted itself (a component's run thread is cancelled and interrupted
 * in quick succession): an interrupt that arrives while waiting must not skip the store, and a
 * store on an interrupted thread would fail (file channels close on interrupt).
 */
public final class Stopping {
  private Stopping() {}

  /**
   * Interrupts {@code thread}, waits up to {@code timeout} for it to end, then runs {@code
   * afterwards} with the caller's interrupt status cleared; restores that status before returning.
   */
  public static void stopThen(Thread thread, Duration timeout, Runnable afterwards) {
    boolean interrupted = Thread.interrupted();
    try {
      if (thread != null) {
        thread.interrupt();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (thread.isAlive()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          try {
            thread.join(Duration.ofNanos(left));
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      interrupted |= Thread.interrupted();
      afterwards.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
