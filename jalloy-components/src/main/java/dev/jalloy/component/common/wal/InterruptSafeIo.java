package dev.jalloy.component.common.wal;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Small file writes that must not fail because their thread is being stopped. An interrupt closes a
 * FileChannel in the middle of its I/O, and a component's thread is interrupted exactly when it
 * stops, which is when it saves its last position. The write runs with the caller's interrupt
 * status set aside (restored afterwards), and once more if an interrupt arrives during it; the
 * write must be safe to repeat (a temp file renamed over the old one).
 */
public final class InterruptSafeIo {
  private InterruptSafeIo() {}

  /** File I/O that may throw. */
  @FunctionalInterface
  public interface Write {
    /** Does the I/O. */
    void run() throws IOException;
  }

  /** Runs {@code write} as described above. */
  public static void run(Write write) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      write.run();
    } catch (ClosedByInterruptException e) {
      interrupted |= Thread.interrupted();
      write.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
