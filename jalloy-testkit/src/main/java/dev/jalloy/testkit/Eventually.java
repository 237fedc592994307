package dev.jalloy.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits until something becomes true, polling against a deadline. Tests use it instead of sleeping
 * for a fixed time: it returns as soon as the condition holds, and the timeout is only the point at
 * which the test gives up. (Awaitility does the same but cannot be fetched here.)
 */
public final class Eventually {
  /** Long enough for a loaded CI machine; only failing tests ever wait this long. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  private Eventually() {}

  /**
   * Polls {@code condition} until it is true.
   *
   * @param what what is awaited, for the failure message ("the file's new content")
   * @throws AssertionError when {@code timeout} passes first
   */
  public static void await(Duration timeout, BooleanSupplier condition, String what) {
    await(timeout, condition::getAsBoolean, ok -> ok, what);
  }

  /** {@link #await(Duration, BooleanSupplier, String)} with {@link #DEFAULT_TIMEOUT}. */
  public static void await(BooleanSupplier condition, String what) {
    await(DEFAULT_TIMEOUT, condition, what);
  }

  /**
   * Polls {@code value} until {@code accept} holds for what it returns, and returns that value. The
   * failure message shows the last value seen, which usually says why.
   *
   * @throws AssertionError when {@code timeout} passes first
   */
  public static <T> T await(
      Duration timeout, Supplier<T> value, Predicate<? super T> accept, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = TimeUnit.MICROSECONDS.toNanos(500);
    T last;
    while (true) {
      last = value.get();
      if (accept.test(last)) {
        return last;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      // Short pauses first so fast conditions return fast; longer ones so slow ones do not spin.
      sleepNanos(Math.min(pause, left));
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
    throw new AssertionError(
        "timed out after "
            + timeout.toMillis()
            + " ms waiting for "
            + what
            + "; last seen: "
            + last);
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
