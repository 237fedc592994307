package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stage.limit}: token buckets that start full ({@code burst} tokens) and refill at {@code
 * rate} per second. With {@code drop} an entry finding no token is dropped (reason {@code
 * ratelimit_drop_stage}); without, the pipeline waits for the token — backpressure. Per-label
 * buckets are kept for the {@code max_distinct_labels} most recently seen values; entries without
 * the label are not limited.
 */
final class LimitStage implements Stage {
  static final String DROP_REASON = "ratelimit_drop_stage";

  /** How the stage waits; tests pass one that moves their clock. */
  @FunctionalInterface
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  static final Sleeper SLEEP =
      nanos -> Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));

  private final double rate;
  private final long burst;
  private final boolean drop;
  private final String byLabel;
  private final StageContext context;
  private final Sleeper sleeper;
  private final Bucket global;
  private final Map<String, Bucket> byValue;

  private final class Bucket {
    double tokens = burst;
    long lastNanos = nowNanos();

    /** Takes a token; the nanoseconds to wait before using it (0 if it was there). */
    long reserve(boolean mayGoNegative) {
      long now = nowNanos();
      tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * rate);
      lastNanos = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      if (!mayGoNegative) {
        return -1;
      }
      double missing = 1 - tokens;
      tokens -= 1;
      return (long) Math.ceil(missing / rate * 1e9);
    }
  }

  LimitStage(LimitConfig config, StageContext context, Sleeper sleeper) {
    this.rate = config.rate();
    this.burst = config.burst();
    this.drop = config.drop();
    this.byLabel = config.byLabelName();
    this.context = context;
    this.sleeper = sleeper;
    this.global = new Bucket();
    long max = Math.max(config.maxDistinctLabels(), LimitConfig.MIN_DISTINCT_LABELS);
    this.byValue =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > max;
          }
        };
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    Bucket bucket = global;
    if (!byLabel.isEmpty()) {
      String value = entry.labels.get(byLabel);
      if (value == null) {
        next.emit(entry);
        return;
      }
      bucket = byValue.computeIfAbsent(value, v -> new Bucket());
    }
    if (drop) {
      if (bucket.reserve(false) < 0) {
        context.drops().dropped(DROP_REASON);
        return;
      }
    } else {
      long wait = bucket.reserve(true);
      if (wait > 0) {
        sleeper.sleepNanos(wait);
      }
    }
    next.emit(entry);
  }

  private long nowNanos() {
    Clock clock = context.clock();
    var t = clock.instant();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
