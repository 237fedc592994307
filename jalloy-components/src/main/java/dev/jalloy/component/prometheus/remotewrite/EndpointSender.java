package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.common.wal.PositionFile;
import dev.jalloy.component.common.wal.Stopping;
import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.component.common.wal.WalReader;
import dev.jalloy.component.common.wal.WalRecord;
import dev.jalloy.component.prometheus.remotewrite.PrometheusRemoteWrite.QueueConfig;
import dev.jalloy.component.prometheus.remotewrite.wire.MetricType;
import dev.jalloy.component.prometheus.remotewrite.wire.RemoteWriteClient;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder.EncodedLabels;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import dev.jalloy.model.SeriesRefTable;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * One endpoint's queue: tails the WAL from the endpoint's acknowledged position, applies external
 * labels and {@code write_relabel_config} once per series, and hands each record's samples to
 * {@link Shard}s by series, which batch and send in parallel; the position advances past a record
 * once every shard has sent its part.
 *
 * <p>Delivery: the position file only ever moves past a WAL record once every entry of it was
 * accepted by the endpoint (2xx) or finally rejected by it (other 4xx, counted as failed).
 * Retryable answers (5xx, 429, network errors) are retried forever with exponential backoff, so an
 * outage delays data but never loses it; a stop in the middle leaves the batch unacknowledged and
 * it is sent again after the restart (at-least-once: duplicates are possible, loss is not).
 *
 * <p>Shards: it starts with {@code min_shards} and every {@value #RESHARD_SECONDS} s asks {@link
 * ShardPlanner} how many the incoming rate and the send latency call for, up to {@code max_shards}.
 * Resharding drains the current shards (they send all they hold) and starts the new number; it is
 * skipped while sends fail, since more shards cannot help a backend that is down.
 */
final class EndpointSender {
  private static final Duration POLL = Duration.ofMillis(250);
  static final int RESHARD_SECONDS = 10;
  private static final long STORE_INTERVAL_NANOS = 1_000_000_000L;

  private final String name;
  private final PrometheusRemoteWrite.Endpoint config;
  private final Labels externalLabels;
  private final Wal wal;
  private final PositionFile positionFile;
  private final RemoteWriteClient client;
  private final RemoteWriteMetrics.Queue metrics;
  private final Logger logger;
  private final Relabeler relabeler = new Relabeler();
  private final Stats stats = new Stats();

  /**
   * The series of the WAL segment being read, relabeled and encoded once each; {@link #DROPPED} for
   * those the rules drop. Cleared at each new segment, which defines all it uses again.
   */
  private final SeriesRefTable<Defined> series = new SeriesRefTable<>();

  /** A series of the segment being read, as this endpoint sends it. */
  private record Defined(long seriesRef, EncodedLabels labels) implements SeriesRefTable.Entry {}

  private static final EncodedLabels DROPPED = WriteRequestEncoder.encodeLabels(Labels.of());
  private long seriesSegment = -1;
  private Shard[] shards = new Shard[0];
  private Chunk[] building = new Chunk[0];
  private long samplesIn;
  private volatile Position acknowledged;
  private Position stored; // guarded by this
  private long storedNanos; // guarded by this
  private volatile boolean stopped;
  private Thread thread;
  private long reshardNanos = RESHARD_SECONDS * 1_000_000_000L;

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

  /** Plans shards more often than every {@value #RESHARD_SECONDS} s; for tests. */
  EndpointSender reshardEvery(Duration interval) {
    reshardNanos = interval.toNanos();
    return this;
  }

  /** How many shards send in parallel now. */
  int shardCount() {
    return shards.length;
  }

  void start() {
    QueueConfig q = config.queueConfig();
    metrics.shardsMin().set(q.minShards());
    metrics.shardsMax().set(q.maxShards());
    startShards(q.minShards());
    thread = Thread.ofVirtual().name("prometheus.remote_write-" + name).start(this::run);
  }

  /** Stops sending; what was not acknowledged stays in the WAL for the next start. */
  void stop(Duration timeout) throws InterruptedException {
    stopped = true;
    Stopping.stopThen(
        thread,
        timeout,
        () -> {
          for (Shard shard : shards) {
            shard.markStopped();
            Stopping.stopThen(shard.thread(), timeout, () -> {});
          }
          advanceAcknowledged();
          storePositionAtMostEverySecond(true);
        });
  }

  private void startShards(int count) {
    Shard[] next = new Shard[count];
    for (int i = 0; i < count; i++) {
      next[i] = new Shard(name, config.queueConfig(), client, metrics, stats, logger, acknowledged);
      next[i].start(i);
    }
    shards = next;
    metrics.shards().set(count);
    metrics.shardsDesired().set(count);
  }

  private void run() {
    // Read from the start of the acknowledged record's segment: the series definitions before
    // the acknowledged position are needed, the samples there were sent already.
    Position from = new Position(acknowledged.segment(), 0);
    long nextPlan = System.nanoTime() + reshardNanos;
    try (WalReader reader = wal.reader(from)) {
      while (!stopped) {
        WalRecord record = reader.poll(POLL);
        if (record != null) {
          add(record);
        }
        advanceAcknowledged();
        storePositionAtMostEverySecond(false);
        if (System.nanoTime() >= nextPlan) {
          reshardIfNeeded();
          nextPlan = System.nanoTime() + reshardNanos;
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

  private void add(WalRecord record) throws IOException, InterruptedException {
    if (record.position().segment() != seriesSegment) {
      series.clear();
      seriesSegment = record.position().segment();
    }
    if (record.position().compareTo(acknowledged) < 0) {
      SeriesRecordCodec.read(record.payload(), definitionsOnly);
      return;
    }
    building = new Chunk[shards.length];
    for (int i = 0; i < building.length; i++) {
      building[i] = new Chunk();
    }
    SeriesRecordCodec.read(record.payload(), toChunks);
    long pending = 0;
    for (int i = 0; i < shards.length; i++) {
      building[i].next = record.next();
      shards[i].offer(building[i]);
      pending += shards[i].pendingSamples();
    }
    metrics.pending().set(pending);
  }

  /** The lowest position every shard has sent through becomes the endpoint's acknowledgement. */
  private void advanceAcknowledged() {
    Position min = null;
    for (Shard shard : shards) {
      Position p = shard.sentThrough();
      min = min == null || p.compareTo(min) < 0 ? p : min;
    }
    if (min != null && min.compareTo(acknowledged) > 0) {
      acknowledged = min;
    }
  }

  private void reshardIfNeeded() throws InterruptedException {
    Stats.Window w = stats.window(samplesIn);
    long pending = 0;
    for (Shard shard : shards) {
      pending += shard.pendingSamples();
    }
    QueueConfig q = config.queueConfig();
    int desired =
        ShardPlanner.desired(
            shards.length,
            q.minShards(),
            q.maxShards(),
            w.samplesIn() / (reshardNanos / 1e9),
            w.sendSecondsPerSample(),
            pending);
    metrics.shardsDesired().set(desired);
    if (desired == shards.length || !stats.lastAttemptSucceeded()) {
      return;
    }
    logger.info(
        "remote_write resharding remote_name={} from={} to={}", name, shards.length, desired);
    for (Shard shard : shards) {
      shard.drain();
    }
    advanceAcknowledged();
    startShards(desired);
  }

  private int shardFor(long key) {
    // Fibonacci hashing spreads consecutive series ids evenly.
    return (int) Math.floorMod((key * 0x9E3779B97F4A7C15L) >>> 32, (long) building.length);
  }

  /** Replaying up to the acknowledged position: learn the series, send nothing. */
  private final SeriesRecordCodec.Visitor definitionsOnly =
      new SeriesRecordCodec.Visitor() {
        @Override
        public void series(long id, Labels labels) {
          define(id, labels);
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

  /** Reading new records: everything this endpoint sends goes to the chunk of its shard. */
  private final SeriesRecordCodec.Visitor toChunks =
      new SeriesRecordCodec.Visitor() {
        @Override
        public void series(long id, Labels labels) {
          define(id, labels);
        }

        @Override
        public void sample(long id, long timestampMs, double value) {
          addSample(encoded(id), shardFor(id), timestampMs, value);
        }

        @Override
        public void exemplar(long id, Exemplar exemplar) {
          EncodedLabels labels = encoded(id);
          if (config.sendExemplars() && labels != null && labels != DROPPED) {
            building[shardFor(id)].others.add(new PendingBatch.PendingExemplar(labels, exemplar));
          }
        }

        @Override
        public void metadata(Labels labels, Metadata metadata) {
          if (config.metadataConfig().send()) {
            building[0].others.add(
                new PendingBatch.PendingMetadata(
                    metricType(metadata.type()),
                    labels.find("__name__").orElse(""),
                    metadata.help(),
                    metadata.unit()));
          }
        }

        @Override
        public void legacySample(Labels labels, long timestampMs, double value) {
          addSample(relabelAndEncode(labels), shardFor(labels.hash()), timestampMs, value);
        }

        @Override
        public void legacyExemplar(Labels labels, Exemplar exemplar) {
          EncodedLabels encoded = relabelAndEncode(labels);
          if (config.sendExemplars() && encoded != DROPPED) {
            building[shardFor(labels.hash())].others.add(
                new PendingBatch.PendingExemplar(encoded, exemplar));
          }
        }
      };

  /** Learns a series of the segment; one the segment defines again keeps its first encoding. */
  private void define(long id, Labels labels) {
    if (series.get(id) == null) {
      series.add(new Defined(id, relabelAndEncode(labels)));
    }
  }

  /** The series as encoded for this endpoint; null when the segment did not define it. */
  private EncodedLabels encoded(long id) {
    Defined d = series.get(id);
    return d == null ? null : d.labels();
  }

  private void addSample(EncodedLabels labels, int shard, long timestampMs, double value) {
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
    samplesIn++;
    building[shard].samples.add(labels, timestampMs, value);
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

  /** What the shards report, read by the planner every {@value #RESHARD_SECONDS} s. */
  private final class Stats implements Shard.SendStats {
    private long samplesOut; // guarded by this
    private long sendNanos; // guarded by this
    private long lastIn;
    private long lastOut;
    private long lastNanos;
    private double highestSentSeconds; // guarded by this
    private volatile boolean lastOk = true;

    record Window(long samplesIn, double sendSecondsPerSample) {}

    @Override
    public synchronized void sent(int samples, long nanos, long highestTimestampMs) {
      samplesOut += samples;
      sendNanos += nanos;
      if (highestTimestampMs != Long.MIN_VALUE
          && highestTimestampMs / 1000.0 > highestSentSeconds) {
        highestSentSeconds = highestTimestampMs / 1000.0;
        metrics.highestSentSeconds().set(highestSentSeconds);
      }
    }

    @Override
    public void attempt(boolean succeeded) {
      lastOk = succeeded;
    }

    boolean lastAttemptSucceeded() {
      return lastOk;
    }

    synchronized Window window(long totalIn) {
      long out = samplesOut - lastOut;
      long nanos = sendNanos - lastNanos;
      Window w = new Window(totalIn - lastIn, out == 0 ? 0 : nanos / 1e9 / out);
      lastIn = totalIn;
      lastOut = samplesOut;
      lastNanos = sendNanos;
      return w;
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
