package dev.jalloy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {
  @Test
  void returnsAsSoonAsTheConditionHolds() {
    AtomicInteger calls = new AtomicInteger();
    Eventually.await(Duration.ofSeconds(10), () -> calls.incrementAndGet() >= 3, "three calls");
    assertThat(calls).hasValue(3);
  }

  @Test
  void returnsTheAcceptedValue() {
    AtomicInteger n = new AtomicInteger();
    int v = Eventually.await(Duration.ofSeconds(10), n::incrementAndGet, x -> x > 4, "five");
    assertThat(v).isEqualTo(5);
  }

  @Test
  void failsWithWhatWasAwaitedAndTheLastValueSeen() {
    assertThatThrownBy(
            () -> Eventually.await(Duration.ofMillis(20), () -> "stale", "fresh"::equals, "fresh"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after 20 ms waiting for fresh; last seen: stale");
  }
}
