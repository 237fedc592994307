package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.common.wal.PositionFile;
import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.component.common.wal.WalReader;
import dev.jalloy.component.common.wal.WalRecord;
import dev.jalloy.component.prometheus.remotewrite.PrometheusRemoteWrite.QueueConfig;
import dev.jalloy.component.prometheus.remotewrite.wire.EncodedRequest;
import dev.jalloy.component.prometheus.remotewrite.wire.MetricType;
import dev.jalloy.component.prometheus.remotewrite.wire.RemoteWriteClient;
import dev.jalloy.component.prometheus.remotewrite.wire.SendResult;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder.EncodedLabels;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * One endpoint's queue: tails the WAL from the endpoint's acknowledged position, applies external
 * labels and {@code write_relabel_config}, batches, sends, and acknowledges.
 *
 * <p>Delivery: the position file only ever moves past a WAL record once every entry of it was
 * accepted by the endpoint (2xx) or finally rejected by it (other 4xx, counted as failed).
 * Retryable answers (5xx, 429, network errors) are retried forever with exponential backoff, so an
 * outage delays data but never loses it; a stop in the middle leaves the batch unacknowledged and
 * it is sent again after the restart (at-least-once: duplicates are possible, loss is not).
 *
 * <p>One sender thread per endpoint: Prometheus' dynamic resharding between {@code min_shards} and
 * {@code max_shards} is not done yet, and {@code capacity} is not used (the batch in memory is
 * bounded by {@code max_samples_per_send} plus one WAL record).
 */
final class EndpointSender {
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  private final String name;
  private final PrometheusRemoteWrite.Endpoint config;
  private final Labels externalLabels;
  private final Wal wal;
  private final PositionFile positionFile;
  private final RemoteWriteClient client;
  private final RemoteWriteMetrics.Queue metrics;
  private final Logger logger;
  private final Relabeler relabeler = new Relabeler();
  private final WriteRequestEncoder encoder = new WriteRequestEncoder();

  private final PendingBatch pending = new PendingBatch();

  /**
   * The series of the WAL segment being read, relabeled and encoded once each; {@link #DROPPED} for
   * those the rules drop. Cleared at each new segment, which defines all it uses again.
   */
  private final Map<Long, EncodedLabels> series = new HashMap<>();

  private static final EncodedLabels DROPPED = WriteRequestEncoder.encodeLabels(Labels.of());
  private long seriesSegment = -1;
  private long firstPendingNanos;
  private double highestSentSeconds;
  private volatile Position acknowledged;
  private static final long STORE_INTERVAL_NANOS = 1_000_000_000L;
  private Position stored; // guarded by this
  private long storedNanos; // guarded by this
  private volatile boolean stopped;
  private Thread thread;

  EndpointSender(
      String name,
      PrometheusRemoteWrite.Endpoint config,
      Map<String, String> externalLabels,
      Wal wal,
      PositionFile positionFile,
      RemoteWriteMetrics.Queue metrics,
      Logger logger) {
    this.name = name;
    this.config = config;
    this.externalLabels = Labels.of(externalLabels);
    this.wal = wal;
    this.positionFile = positionFile;
    this.metrics = metrics;
    this.logger = logger;
    this.client = config.client();
    this.acknowledged = positionFile.load().orElse(Position.START);
  }

  String name() {
    return name;
  }

  /** The position up to which this endpoint is done with the WAL. */
  Position acknowledged() {
    return acknowledged;
  }

  void start() {
    metrics.shards().set(1);
    thread = Thread.ofVirtual().name("prometheus.remote_write-" + name).start(this::run);
  }

  /** Stops sending; what was not acknowledged stays in the WAL for the next start. */
  void stop(Duration timeout) throws InterruptedException {
    stopped = true;
    if (thread != null) {
      thread.interrupt();
      thread.join(timeout);
    }
    storePositionAtMostEverySecond(true);
  }

  /**
   * Persists the acknowledged position. Each store is two fsyncs, so while batches flow it is done
   * at most once a second: a crash then repeats up to a second of sent samples (delivery is at
   * least once anyway) and loses none.
   */
  private synchronized void storePositionAtMostEverySecond(boolean now) {
    Position p = acknowledged;
    if (p.equals(stored) || (!now && System.nanoTime() - storedNanos < STORE_INTERVAL_NANOS)) {
      return;
    }
    try {
      positionFile.store(p);
      stored = p;
      storedNanos = System.nanoTime();
    } catch (IOException e) {
      logger.warn("remote_write position not saved remote_name={} err={}", name, e.toString());
    }
  }

  private void run() {
    // Read from the start of the acknowledged record's segment: the series definitions before
    // the acknowledged position are needed, the samples there were sent already.
    Position from = new Position(acknowledged.segment(), 0);
    try (WalReader reader = wal.reader(from)) {
      QueueConfig q = config.queueConfig();
      while (!stopped) {
        if (pending.samples() >= q.maxSamplesPerSend()) {
          flush();
          continue;
        }
        Duration wait = IDLE_POLL;
        if (!pending.isEmpty()) {
          long left = q.batchSendDeadline().toNanos() - (System.nanoTime() - firstPendingNanos);
          if (left <= 0) {
            flush();
            continue;
          }
          wait = Duration.ofNanos(left);
        }
        WalRecord record = reader.poll(wait);
        if (record != null) {
          add(record);
        } else {
          storePositionAtMostEverySecond(false); // quiet now: save what the last flush held back
        }
      }
    } catch (InterruptedException e) {
      // stopping
    } catch (IOException | RuntimeException e) {
      if (!stopped) {
        logger.error("remote_write queue stopped remote_name={} err={}", name, e.toString());
      }
    }
  }

  private void add(WalRecord record) throws IOException {
    if (record.position().segment() != seriesSegment) {
      series.clear();
      seriesSegment = record.position().segment();
    }
    boolean alreadySent = record.position().compareTo(acknowledged) < 0;
    if (pending.isEmpty()) {
      firstPendingNanos = System.nanoTime();
    }
    SeriesRecordCodec.read(record.payload(), alreadySent ? definitionsOnly : toPending);
    if (!alreadySent) {
      pending.endRecord(record.next());
      metrics.pending().set(pending.samples());
    }
  }

  /** Replaying up to the acknowledged position: learn the series, send nothing. */
  private final SeriesRecordCodec.Visitor definitionsOnly =
      new SeriesRecordCodec.Visitor() {
        @Override
        public void series(long id, Labels labels) {
          series.put(id, relabelAndEncode(labels));
        }

        @Override
        public void sample(long id, long timestampMs, double value) {}

        @Override
        public void exemplar(long id, Exemplar exemplar) {}

        @Override
        public void metadata(Labels labels, Metadata metadata) {}

        @Override
        public void legacySample(Labels labels, long timestampMs, double value) {}

        @Override
        public void legacyExemplar(Labels labels, Exemplar exemplar) {}
      };

  /** Reading new records: everything this endpoint sends goes into the pending batch. */
  private final SeriesRecordCodec.Visitor toPending =
      new SeriesRecordCodec.Visitor() {
        @Override
        public void series(long id, Labels labels) {
          series.put(id, relabelAndEncode(labels));
        }

        @Override
        public void sample(long id, long timestampMs, double value) {
          addSample(series.get(id), timestampMs, value);
        }

        @Override
        public void exemplar(long id, Exemplar exemplar) {
          EncodedLabels labels = series.get(id);
          if (config.sendExemplars() && labels != null && labels != DROPPED) {
            pending.addExemplar(labels, exemplar);
          }
        }

        @Override
        public void metadata(Labels labels, Metadata metadata) {
          if (config.metadataConfig().send()) {
            pending.addMetadata(
                metricType(metadata.type()),
                labels.find("__name__").orElse(""),
                metadata.help(),
                metadata.unit());
          }
        }

        @Override
        public void legacySample(Labels labels, long timestampMs, double value) {
          addSample(relabelAndEncode(labels), timestampMs, value);
        }

        @Override
        public void legacyExemplar(Labels labels, Exemplar exemplar) {
          EncodedLabels encoded = relabelAndEncode(labels);
          if (config.sendExemplars() && encoded != DROPPED) {
            pending.addExemplar(encoded, exemplar);
          }
        }
      };

  private void addSample(EncodedLabels labels, long timestampMs, double value) {
    if (labels == null) {
      // A series the WAL never defined in this segment: only a write that failed half-way
      // (disk full) can cause it. Counted, never silent.
      metrics.droppedUnknownSeries().inc();
      return;
    }
    if (labels == DROPPED) {
      metrics.droppedByRelabel().inc();
      return;
    }
    long ageLimitMs = config.queueConfig().sampleAgeLimit().toMillis();
    if (ageLimitMs > 0 && timestampMs < System.currentTimeMillis() - ageLimitMs) {
      metrics.droppedTooOld().inc();
      return;
    }
    pending.addSample(labels, timestampMs, value);
  }

  /**
   * External labels first (the series' own value wins), then the write relabel rules; the result
   * encoded once, or {@link #DROPPED}.
   */
  private EncodedLabels relabelAndEncode(Labels labels) {
    return relabel(labels).map(WriteRequestEncoder::encodeLabels).orElse(DROPPED);
  }

  private Optional<Labels> relabel(Labels series) {
    Labels in = series;
    if (!externalLabels.isEmpty()) {
      Labels.Builder b = series.toBuilder();
      externalLabels.forEach(
          (n, v) -> {
            if (!series.has(n)) {
              b.set(n, v);
            }
          });
      in = b.build();
    }
    if (config.writeRelabelConfigs().isEmpty()) {
      return Optional.of(in);
    }
    return relabeler.process(in, config.writeRelabelConfigs()).filter(l -> !l.isEmpty());
  }

  /** Sends up to max_samples_per_send samples, retrying until done; then acknowledges. */
  private void flush() throws InterruptedException, IOException {
    int n = pending.encode(encoder, config.queueConfig().maxSamplesPerSend());
    if (n > 0 || pending.others() > 0) {
      send(encoder.finish(), n, pending.highestTimestamp());
    }
    Position ack = pending.consume(n);
    metrics.pending().set(pending.samples());
    firstPendingNanos = System.nanoTime();
    if (ack != null) {
      acknowledged = ack;
      storePositionAtMostEverySecond(false);
    }
  }

  private void send(EncodedRequest request, int samples, long highestMs)
      throws InterruptedException {
    QueueConfig q = config.queueConfig();
    Duration backoff = q.minBackoff();
    for (int attempt = 0; ; attempt++) {
      SendResult result = client.send(request, attempt);
      switch (result) {
        case SendResult.Success ok -> {
          metrics.sent().inc(samples);
          if (highestMs != Long.MIN_VALUE) {
            highestSentSeconds = Math.max(highestSentSeconds, highestMs / 1000.0);
            metrics.highestSentSeconds().set(highestSentSeconds);
          }
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
          Duration sleep = retry.retryAfter().orElse(backoff);
          if (stopped) {
            throw new InterruptedException("stopping");
          }
          Thread.sleep(sleep);
          backoff = backoff.multipliedBy(2);
          if (backoff.compareTo(q.maxBackoff()) > 0) {
            backoff = q.maxBackoff();
          }
        }
      }
    }
  }

  private static MetricType metricType(String type) {
    try {
      return MetricType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return MetricType.UNKNOWN;
    }
  }
}
