package dev.jalloy.component.loki.source.file;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;

/**
 * Collects one file's lines as entries and hands them to {@code forward_to} in batches, calling
 * {@code commit} with each batch's end offset only after {@link LogsReceiver#receive} returned: the
 * at-least-once rule of the log pipeline. A receiver that throws (its component exited) is retried
 * with the same batch, never skipped.
 */
final class BatchForwarder implements LineSplitter.Sink {
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final Labels labels;
  private final LogsReceiver receiver;
  private final Clock clock;
  private final int maxBatch;
  private final Logger logger;
  private final SourceFileMetrics metrics;
  private final ArrayList<LogEntry> entries = new ArrayList<>();
  private long[] offsets = new long[256];
  private long lastTimestamp;
  private long nowNanos;
  private boolean receiverFailing;

  BatchForwarder(
      Labels labels,
      LogsReceiver receiver,
      Clock clock,
      int maxBatch,
      Logger logger,
      SourceFileMetrics metrics) {
    this.labels = labels;
    this.receiver = receiver;
    this.clock = clock;
    this.maxBatch = Math.max(1, maxBatch);
    this.logger = logger;
    this.metrics = metrics;
  }

  /** Reads the clock once for the lines about to be added: their time of reading. */
  void stamp() {
    Instant now = clock.instant();
    nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public void line(String text, long nextOffset, boolean truncated) {
    if (truncated) {
      metrics.truncatedLines.inc();
    }
    // Strictly increasing per file: Loki drops a second identical line with the same timestamp.
    long ts = Math.max(nowNanos, lastTimestamp + 1);
    lastTimestamp = ts;
    if (entries.size() == offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[entries.size()] = nextOffset;
    entries.add(LogEntry.of(labels, ts, text));
  }

  /** How many lines wait to be sent. */
  int pending() {
    return entries.size();
  }

  /**
   * Sends everything collected, in batches of at most {@code maxBatch}, committing after each.
   *
   * @param between called between batches (rotation checks); false stops sending
   * @return false when stopped before everything was sent (the rest is dropped, not committed)
   */
  boolean send(LongConsumer commit, BooleanSupplier between) throws InterruptedException {
    int from = 0;
    try {
      while (from < entries.size()) {
        int to = Math.min(entries.size(), from + maxBatch);
        deliver(entries.subList(from, to));
        commit.accept(offsets[to - 1]);
        from = to;
        if (from < entries.size() && !between.getAsBoolean()) {
          return false;
        }
      }
      return true;
    } finally {
      if (entries.size() > 4096) {
        // one burst must not pin a big array for the life of an idle file
        entries.clear();
        entries.trimToSize();
        offsets = new long[256];
      } else {
        entries.clear();
      }
    }
  }

  private void deliver(List<LogEntry> batch) throws InterruptedException {
    List<LogEntry> copy = List.copyOf(batch); // receivers may keep the list
    while (true) {
      try {
        receiver.receive(copy);
        if (receiverFailing) {
          receiverFailing = false;
          logger.atInfo().log("forward_to accepts entries again");
        }
        return;
      } catch (RuntimeException e) {
        if (!receiverFailing) {
          receiverFailing = true;
          logger
              .atWarn()
              .addKeyValue("err", e.toString())
              .log("forward_to rejected entries; retrying without advancing the position");
        }
        Thread.sleep(RETRY);
      }
    }
  }
}
