package dev.jalloy.testkit;

import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A logs receiver for tests: keeps every entry it accepted, in order, and can be made slow (a pause
 * before accepting each batch) to stand in for a backend that pushes back.
 */
public final class CollectingLogsReceiver implements LogsReceiver {
  /** Every accepted entry, in order; live, for tests that poll it. */
  public final List<LogEntry> entries = new CopyOnWriteArrayList<>();

  private volatile Duration delay = Duration.ZERO;
  private volatile int batches;

  /** Pauses this long before accepting each batch, as a slow downstream does. */
  public CollectingLogsReceiver delayEachBatch(Duration pause) {
    this.delay = pause;
    return this;
  }

  @Override
  public void receive(List<LogEntry> batch) throws InterruptedException {
    if (!delay.isZero()) {
      Thread.sleep(delay);
    }
    entries.addAll(batch);
    batches++;
  }

  /** Every accepted entry, in order. */
  public List<LogEntry> entries() {
    return List.copyOf(entries);
  }

  /** The lines of every accepted entry, in order. */
  public List<String> lines() {
    return entries.stream().map(LogEntry::line).toList();
  }

  /** How many batches were accepted. */
  public int batches() {
    return batches;
  }

  /** Forgets everything accepted so far. */
  public void clear() {
    entries.clear();
  }

  /**
   * Waits until at least {@code n} entries were accepted.
   *
   * @throws AssertionError after {@link Eventually#DEFAULT_TIMEOUT}
   */
  public void awaitCount(int n) {
    Eventually.await(
        Eventually.DEFAULT_TIMEOUT, entries::size, size -> size >= n, n + " log entries");
  }
}
