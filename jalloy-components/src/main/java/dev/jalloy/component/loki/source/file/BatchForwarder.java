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
 *
 * <p>A {@link Tailer} uses {@link #handOff}: the batch is delivered on a thread of its own while
 * the tailer reads on, so reading and splitting one batch overlaps the queue append (and fsync) of
 * the one before, and one fsync covers a whole hand-off. At most one batch is in flight and the
 * next is handed off only once it was delivered, so order and the commit-after-receive rule hold.
 */
final class BatchForwarder implements LineSplitter.Sink {
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final Labels labels;
  private final LogsReceiver receiver;
  private final Clock clock;
  private final int maxBatch;
  private final Logger logger;
  private final SourceFileMetrics metrics;
  private final String threadName;
  private ArrayList<LogEntry> entries = new ArrayList<>();
  private long[] offsets = new long[256];
  private Thread inFlight; // the hand-off being delivered; touched by the reading thread only
  private Duration poll = Duration.ofMillis(250);
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
    this.threadName = "forward " + labels.find("filename").orElse("");
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
   * Sends everything collected, in batches of at most {@code maxBatch}, committing after each, on
   * the calling thread. Waits for a {@link #handOff} still in flight first, so lines stay in order.
   *
   * @param between called between batches (rotation checks); false stops sending
   * @return false when stopped before everything was sent (the rest is dropped, not committed)
   */
  boolean send(LongConsumer commit, BooleanSupplier between) throws InterruptedException {
    drain(() -> {});
    try {
      return sendAll(entries, offsets, commit, between);
    } finally {
      if (entries.size() > 4096) {
        // one burst must not pin a big array for the life of an idle file
        entries = new ArrayList<>();
        offsets = new long[256];
      } else {
        entries.clear();
      }
    }
  }

  /**
   * Hands everything collected to a thread of its own, which sends and commits it as {@link #send}
   * does, so that the caller reads and splits the next lines while this batch is written to the
   * queue (for {@code loki.write}: encoded and fsynced). One hand-off is in flight at a time: a
   * second one first waits for the first to be delivered, so batches arrive and positions advance
   * in order, and a position is still committed only after {@code receive} returned for every line
   * before it.
   *
   * @param commit called on the delivering thread with each batch's end offset
   * @param keepGoing read between batches on the delivering thread; false stops sending
   * @param whileWaiting run on the caller's thread, at least every {@code poll}, while it waits for
   *     the hand-off in flight (rotation checks)
   */
  void handOff(LongConsumer commit, BooleanSupplier keepGoing, Runnable whileWaiting, Duration poll)
      throws InterruptedException {
    this.poll = poll;
    drain(whileWaiting);
    if (entries.isEmpty()) {
      return;
    }
    List<LogEntry> batch = entries;
    long[] ends = offsets;
    entries = new ArrayList<>(Math.min(batch.size(), 4096));
    offsets = new long[Math.max(256, Math.min(ends.length, 4096))];
    inFlight =
        Thread.ofVirtual()
            .name(threadName)
            .start(
                () -> {
                  try {
                    sendAll(batch, ends, commit, keepGoing);
                  } catch (InterruptedException e) {
                    // stopping: the rest is not committed and is read again next time
                  }
                });
  }

  /** Whether a hand-off is still being delivered. */
  boolean busy() {
    Thread t = inFlight;
    return t != null && t.isAlive();
  }

  /**
   * Waits until the hand-off in flight, if any, was delivered (or given up on when stopping),
   * running {@code whileWaiting} every poll interval. After it returns every commit of it was made.
   */
  void drain(Runnable whileWaiting) throws InterruptedException {
    Thread t = inFlight;
    if (t == null) {
      return;
    }
    while (!t.join(poll)) {
      whileWaiting.run();
    }
    inFlight = null;
  }

  /**
   * Stops a hand-off in flight: interrupts its {@code receive} and waits for its thread, so that no
   * commit happens after the reader stopped. Its lines are not committed and are read again.
   */
  void close() {
    Thread t = inFlight;
    if (t == null) {
      return;
    }
    t.interrupt();
    boolean interrupted = false;
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    while (t.isAlive() && System.nanoTime() < deadline) {
      try {
        t.join(CLOSE_WAIT);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (t.isAlive()) {
      logger.atWarn().log("forward_to did not return within 5s of stopping");
    } else {
      inFlight = null;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean sendAll(
      List<LogEntry> batch, long[] ends, LongConsumer commit, BooleanSupplier between)
      throws InterruptedException {
    int from = 0;
    while (from < batch.size()) {
      int to = Math.min(batch.size(), from + maxBatch);
      deliver(batch.subList(from, to));
      commit.accept(ends[to - 1]);
      from = to;
      if (from < batch.size() && !between.getAsBoolean()) {
        return false;
      }
    }
    return true;
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
