package dev.jalloy.service;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until a deadline instead of sleeping for a guessed time. */
final class Await {
  private Await() {}

  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10); // a poll interval, not a wait for the event
    }
  }
}
