package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.common.wal.PositionFile;
import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.component.common.wal.WalReader;
import dev.jalloy.component.common.wal.WalRecord;
import dev.jalloy.component.prometheus.remotewrite.PrometheusRemoteWrite.QueueConfig;
import dev.jalloy.component.prometheus.remotewrite.WalEntryCodec.Entry;
import dev.jalloy.component.prometheus.remotewrite.WalEntryCodec.ExemplarEntry;
import dev.jalloy.component.prometheus.remotewrite.WalEntryCodec.MetadataEntry;
import dev.jalloy.component.prometheus.remotewrite.WalEntryCodec.SampleEntry;
import dev.jalloy.component.prometheus.remotewrite.wire.EncodedRequest;
import dev.jalloy.component.prometheus.remotewrite.wire.MetricType;
import dev.jalloy.component.prometheus.remotewrite.wire.RemoteWriteClient;
import dev.jalloy.component.prometheus.remotewrite.wire.SendResult;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder;
import dev.jalloy.model.Labels;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /** Processed entries and, after each record's last entry, the position that acknowledges it. */
  private final List<Object> pending = new ArrayList<>();

  private int pendingCount;
  private long firstPendingNanos;
  private double highestSentSeconds;
  private volatile Position acknowledged;
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
  }

  private void run() {
    try (WalReader reader = wal.reader(acknowledged)) {
      QueueConfig q = config.queueConfig();
      while (!stopped) {
        if (pendingCount >= q.maxSamplesPerSend()) {
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
    List<Entry> entries = WalEntryCodec.decode(record.payload());
    if (pending.isEmpty()) {
      firstPendingNanos = System.nanoTime();
    }
    long ageLimitMs = config.queueConfig().sampleAgeLimit().toMillis();
    long now = System.currentTimeMillis();
    for (Entry e : entries) {
      if (e instanceof ExemplarEntry && !config.sendExemplars()) {
        continue;
      }
      if (e instanceof MetadataEntry && !config.metadataConfig().send()) {
        continue;
      }
      if (ageLimitMs > 0 && e instanceof SampleEntry s && s.timestampMs() < now - ageLimitMs) {
        metrics.droppedTooOld().inc();
        continue;
      }
      Optional<Labels> out = relabel(e.labels());
      if (out.isEmpty()) {
        if (e instanceof SampleEntry) {
          metrics.droppedByRelabel().inc();
        }
        continue;
      }
      pending.add(
          switch (e) {
            case SampleEntry s -> new SampleEntry(out.get(), s.timestampMs(), s.value());
            case ExemplarEntry x -> new ExemplarEntry(out.get(), x.exemplar());
            case MetadataEntry m -> new MetadataEntry(out.get(), m.metadata());
          });
      pendingCount++;
    }
    pending.add(record.next());
    metrics.pending().set(pendingCount);
  }

  /** External labels first (the series' own value wins), then the write relabel rules. */
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

  /** Sends up to max_samples_per_send entries, retrying until done; then acknowledges. */
  private void flush() throws InterruptedException, IOException {
    int max = config.queueConfig().maxSamplesPerSend();
    int n = 0;
    int samples = 0;
    int cut = 0;
    Position ack = null;
    long highestMs = Long.MIN_VALUE;
    encoder.reset();
    for (Object item : pending) {
      if (item instanceof Position p) {
        ack = p;
      } else {
        if (n == max) {
          break;
        }
        n++;
        switch ((Entry) item) {
          case SampleEntry s -> {
            encoder.startSeries(s.labels()).sample(s.timestampMs(), s.value()).endSeries();
            samples++;
            highestMs = Math.max(highestMs, s.timestampMs());
          }
          case ExemplarEntry x ->
              encoder
                  .startSeries(x.labels())
                  .exemplar(x.exemplar().labels(), x.exemplar().timestampMs(), x.exemplar().value())
                  .endSeries();
          case MetadataEntry m ->
              encoder.metadata(
                  metricType(m.metadata().type()),
                  m.labels().find("__name__").orElse(""),
                  m.metadata().help(),
                  m.metadata().unit());
        }
      }
      cut++;
    }
    if (n > 0) {
      send(encoder.finish(), samples, highestMs);
    }
    pending.subList(0, cut).clear();
    pendingCount -= n;
    metrics.pending().set(pendingCount);
    firstPendingNanos = System.nanoTime();
    if (ack != null) {
      positionFile.store(ack);
      acknowledged = ack;
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
