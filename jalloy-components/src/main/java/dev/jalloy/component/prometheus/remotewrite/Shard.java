package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.prometheus.remotewrite.PrometheusRemoteWrite.QueueConfig;
import dev.jalloy.component.prometheus.remotewrite.wire.EncodedRequest;
import dev.jalloy.component.prometheus.remotewrite.wire.RemoteWriteClient;
import dev.jalloy.component.prometheus.remotewrite.wire.SendResult;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * One of an endpoint's parallel senders, as a shard of Prometheus' queue manager: takes the chunks
 * of the series that hash to it, batches up to {@code max_samples_per_send} or {@code
 * batch_send_deadline}, sends with retries, and reports the WAL position up to which it has sent
 * everything. A series always hashes to the same shard, so its samples leave in order.
 *
 * <p>Memory is bounded: the shard's queue holds at most {@code capacity} samples; the WAL reader
 * blocks when it is full, and the WAL on disk absorbs the rest.
 */
final class Shard {
  private static final Duration IDLE_POLL = Duration.ofMillis(500);

  private final String name;
  private final QueueConfig queue;
  private final RemoteWriteClient client;
  private final RemoteWriteMetrics.Queue metrics;
  private final SendStats stats;
  private final Logger logger;
  private final LinkedBlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
  private final int capacity;
  private final Semaphore room;
  private final PendingBatch pending = new PendingBatch();
  private final WriteRequestEncoder encoder = new WriteRequestEncoder();
  private volatile Position sentThrough;
  private volatile boolean draining;
  private volatile boolean stopped;
  private long firstPendingNanos;
  private Thread thread;

  /** Counters the endpoint reads to decide how many shards it needs, shared by its shards. */
  interface SendStats {
    /** A request of {@code samples} samples took {@code nanos} to send (retries included). */
    void sent(int samples, long nanos, long highestTimestampMs);

    /** Whether the last send attempt of any shard succeeded. */
    void attempt(boolean succeeded);
  }

  Shard(
      String name,
      QueueConfig queue,
      RemoteWriteClient client,
      RemoteWriteMetrics.Queue metrics,
      SendStats stats,
      Logger logger,
      Position start) {
    this.name = name;
    this.queue = queue;
    this.client = client;
    this.metrics = metrics;
    this.stats = stats;
    this.logger = logger;
    this.capacity = Math.max(queue.capacity(), queue.maxSamplesPerSend());
    this.room = new Semaphore(capacity);
    this.sentThrough = start;
  }

  void start(int index) {
    thread =
        Thread.ofVirtual().name("prometheus.remote_write-" + name + "-" + index).start(this::run);
  }

  /** Queues a chunk; blocks while the shard holds {@code capacity} samples. */
  void offer(Chunk chunk) throws InterruptedException {
    room.acquire(Math.min(chunk.samples.size, capacity));
    chunks.add(chunk);
  }

  /** The position up to which this shard has sent everything it was given. */
  Position sentThrough() {
    return sentThrough;
  }

  /** Samples queued or batched, not yet sent. */
  int pendingSamples() {
    return pending.samples() + capacity - room.availablePermits();
  }

  /** Sends everything queued, then ends; for resharding. */
  void drain() throws InterruptedException {
    draining = true;
    thread.join();
  }

  /** The shard's thread, for stopping it. */
  Thread thread() {
    return thread;
  }

  /**
   * Ends without sending what is left (it stays in the WAL for the next start): set before the
   * thread is interrupted, so a retry loop does not start another attempt.
   */
  void markStopped() {
    stopped = true;
  }

  private void run() {
    try {
      while (!stopped) {
        if (pending.samples() >= queue.maxSamplesPerSend()) {
          flush();
          continue;
        }
        long wait = IDLE_POLL.toNanos();
        if (!pending.isEmpty()) {
          wait = queue.batchSendDeadline().toNanos() - (System.nanoTime() - firstPendingNanos);
          if (wait <= 0) {
            flush();
            continue;
          }
        }
        Chunk chunk = chunks.poll(draining ? 0 : wait, TimeUnit.NANOSECONDS);
        if (chunk != null) {
          if (pending.isEmpty()) {
            firstPendingNanos = System.nanoTime();
          }
          chunk.drainTo(pending);
          room.release(Math.min(chunk.samples.size, capacity));
        } else if (draining) {
          while (!pending.isEmpty()) {
            flush();
          }
          return;
        }
      }
    } catch (InterruptedException e) {
      // stopping: what is not sent stays in the WAL
    }
  }

  private void flush() throws InterruptedException {
    int n = pending.encode(encoder, queue.maxSamplesPerSend());
    if (n > 0 || pending.others() > 0) {
      send(encoder.finish(), n, pending.highestTimestamp());
    }
    Position sent = pending.consume(n);
    firstPendingNanos = System.nanoTime();
    if (sent != null) {
      sentThrough = sent;
    }
  }

  private void send(EncodedRequest request, int samples, long highestMs)
      throws InterruptedException {
    Duration backoff = queue.minBackoff();
    long started = System.nanoTime();
    for (int attempt = 0; ; attempt++) {
      SendResult result = client.send(request, attempt);
      stats.attempt(!(result instanceof SendResult.Retryable));
      switch (result) {
        case SendResult.Success ok -> {
          metrics.sent().inc(samples);
          stats.sent(samples, System.nanoTime() - started, highestMs);
          if (attempt > 0) {
            logger.info("remote_write recovered remote_name={} attempts={}", name, attempt + 1);
          }
          return;
        }
        case SendResult.Failed failed -> {
          metrics.failed().inc(samples);
          logger.warn(
              "remote_write batch rejected, dropped remote_name={} status={} samples={} err={}",
              name,
              failed.status(),
              samples,
              failed.message());
          return;
        }
        case SendResult.Retryable retry -> {
          metrics.retried().inc(samples);
          if (attempt == 0) {
            logger.warn(
                "remote_write send failed, retrying remote_name={} status={} err={}",
                name,
                retry.status(),
                retry.message());
          }
          if (stopped) {
            throw new InterruptedException("stopping");
          }
          Thread.sleep(retry.retryAfter().orElse(backoff));
          backoff = backoff.multipliedBy(2);
          if (backoff.compareTo(queue.maxBackoff()) > 0) {
            backoff = queue.maxBackoff();
          }
        }
      }
    }
  }
}
