package dev.jalloy.component.local.file;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks for a re-read every {@code frequency}, whether or not the file looks changed: a change that
 * keeps size and modification time (a same-second rewrite) is still seen, as in Alloy.
 */
final class PollDetector implements FileDetector {
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;

  PollDetector(String name, Duration frequency, Runnable reload) {
    thread =
        Thread.ofVirtual()
            .name("poll " + name)
            .start(
                () -> {
                  try {
                    while (!closed.await(frequency.toNanos(), TimeUnit.NANOSECONDS)) {
                      reload.run();
                    }
                  } catch (InterruptedException e) {
                    // closed; nothing to clean up
                  }
                });
  }

  @Override
  public void close() {
    closed.countDown();
    thread.interrupt();
  }
}
