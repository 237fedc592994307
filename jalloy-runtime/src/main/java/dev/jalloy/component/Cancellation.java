package dev.jalloy.component;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@link RunContext} the runtime (and the test kit) hand to a component's {@code run}: a
 * one-shot cancellation signal.
 */
public final class Cancellation implements RunContext {
  private final CountDownLatch cancelled = new CountDownLatch(1);

  /** Asks the component to stop; idempotent. */
  public void cancel() {
    cancelled.countDown();
  }

  @Override
  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  @Override
  public void awaitCancellation() throws InterruptedException {
    cancelled.await();
  }

  @Override
  public boolean awaitCancellation(Duration timeout) throws InterruptedException {
    return cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
