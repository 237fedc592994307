package dev.jalloy.component.common.wal;

import java.time.Duration;

/**
 * When appended records are fsynced. Readers only ever see synced records, so a reader's
 * acknowledged position can never point past data that a crash could lose.
 */
public sealed interface SyncPolicy {

  /**
   * The default: {@link Wal#append} returns only after its batch is fsynced (group commit:
   * appenders that arrive while an fsync is in flight share the next one). The caller may commit
   * its own source position as soon as append returns, which is what at-least-once delivery needs;
   * the cost is one fsync per batch, amortised because producers append whole scrapes / batches.
   */
  static SyncPolicy everyCommit() {
    return EveryCommit.INSTANCE;
  }

  /**
   * Fsync every {@code period} from a background thread; {@link Wal#append} does not wait. Higher
   * throughput, but up to {@code period} of acknowledged appends can be lost on power failure (not
   * on a process crash: written data is in the page cache). Readers lag by up to {@code period}.
   */
  static SyncPolicy interval(Duration period) {
    return new Interval(period);
  }

  /** See {@link #everyCommit()}. */
  enum EveryCommit implements SyncPolicy {
    INSTANCE
  }

  /** See {@link #interval(Duration)}. */
  record Interval(Duration period) implements SyncPolicy {
    public Interval {
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("sync interval must be > 0");
      }
    }
  }
}
