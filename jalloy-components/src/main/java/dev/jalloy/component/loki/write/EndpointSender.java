package dev.jalloy.component.loki.write;

import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.common.wal.PositionFile;
import dev.jalloy.component.common.wal.Stopping;
import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.component.common.wal.WalReader;
import dev.jalloy.component.common.wal.WalRecord;
import dev.jalloy.component.loki.write.wire.LokiPushClient;
import dev.jalloy.component.loki.write.wire.PushRequestEncoder;
import dev.jalloy.component.loki.write.wire.PushResult;
import dev.jalloy.model.Labels;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * One endpoint's sender: tails the on-disk queue from the endpoint's acknowledged position, batches
 * per tenant by {@code batch_wait} / {@code batch_size}, sends, and acknowledges.
 *
 * <p>Acknowledgement: the position file never passes a queue record until every entry of it was
 * accepted (2xx) or finally dropped and counted. With batches of several tenants in flight, the
 * acknowledged position is the oldest record any pending batch still holds entries of; a restart
 * resends from there, so an entry may arrive twice (at-least-once), never zero times. A stop in the
 * middle of retries leaves the batch unacknowledged.
 */
final class EndpointSender {
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);
  private static final long STORE_INTERVAL_NANOS = 1_000_000_000L;
  private static final String TENANT_LABEL = "__tenant_id__";
  private static final Duration STOP_IN_FLIGHT = Duration.ofSeconds(5);

  private final LokiWrite.Endpoint config;
  private final Labels externalLabels;
  private final int maxStreams;
  private final Wal wal;
  private final PositionFile positionFile;
  private final LokiPushClient client;
  private final LokiWriteMetrics metrics;
  private final Runnable acknowledgedMoved;
  private final Logger logger;
  private final String host;
  // Two, used in turn: the next request is encoded while the last one's body is on the wire.
  private final PushRequestEncoder[] encoders = {
    new PushRequestEncoder(), new PushRequestEncoder()
  };
  private int nextEncoder;

  /** The push on the wire, delivered on a thread of its own; touched by the sender thread only. */
  private Thread inFlight;

  /** The oldest record the push on the wire holds entries of; null when none is. */
  private volatile Position inFlightFirst;

  private final Map<String, TenantBatch> batches = new HashMap<>();
  private final Labels.Builder labelsBuilder = Labels.builder();
  private final EntryRecordCodec.View view = new EntryRecordCodec.View();
  private String[] setTenants = new String[8];
  private Labels[] setStreams = new Labels[8];
  // Each record decodes its own Labels objects: one object per stream across records lets the
  // batches' stream maps match by identity instead of comparing every label of every line.
  private final CanonicalLabels sameStreams = new CanonicalLabels(4096);

  /** Just after the last record fully added to batches. */
  private Position lastRead;

  private volatile Position acknowledged;
  private Position stored; // guarded by this
  private long storedNanos; // guarded by this
  private volatile boolean stopped;
  private Thread thread;

  EndpointSender(
      LokiWrite.Endpoint config,
      Map<String, String> externalLabels,
      int maxStreams,
      Wal wal,
      PositionFile positionFile,
      LokiWriteMetrics metrics,
      Runnable acknowledgedMoved,
      Logger logger) {
    this.config = config;
    this.externalLabels = Labels.of(externalLabels);
    this.maxStreams = maxStreams;
    this.wal = wal;
    this.positionFile = positionFile;
    this.metrics = metrics;
    this.acknowledgedMoved = acknowledgedMoved;
    this.logger = logger;
    this.client = config.client();
    URI u = URI.create(config.url());
    this.host = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    this.acknowledged = positionFile.load().orElse(Position.START);
    this.lastRead = acknowledged;
  }

  /** The position up to which this endpoint is done with the queue. */
  Position acknowledged() {
    return acknowledged;
  }

  void start() {
    thread = Thread.ofVirtual().name("loki.write-" + config.endpointName()).start(this::run);
  }

  /** Stops sending; what was not acknowledged stays queued for the next start. */
  void stop(Duration timeout) throws InterruptedException {
    stopped = true;
    Stopping.stopThen(thread, timeout, () -> storePosition(true));
  }

  private void run() {
    try (WalReader reader = wal.reader(acknowledged)) {
      while (!stopped) {
        Duration wait = IDLE_POLL;
        TenantBatch oldest = oldestBatch();
        if (oldest != null) {
          long left = config.batchWait().toNanos() - (System.nanoTime() - oldest.createdNanos);
          if (left <= 0) {
            send(oldest);
            continue;
          }
          wait = Duration.ofNanos(left);
        }
        WalRecord record = reader.poll(wait);
        if (record == null) {
          storePosition(false); // quiet: save what the last acknowledgement held back
          continue;
        }
        add(record);
      }
    } catch (InterruptedException e) {
      // stopping
    } catch (IOException | RuntimeException e) {
      if (!stopped) {
        logger.error(
            "loki.write sender stopped endpoint={} err={}", config.endpointName(), e.toString());
      }
    } finally {
      stopInFlight();
    }
  }

  /** Interrupts the push on the wire and waits for it, so the final position store follows it. */
  private void stopInFlight() {
    Thread t = inFlight;
    if (t != null) {
      Stopping.stopThen(t, STOP_IN_FLIGHT, () -> {});
    }
  }

  private TenantBatch oldestBatch() {
    TenantBatch oldest = null;
    for (TenantBatch b : batches.values()) {
      if (oldest == null || b.createdNanos < oldest.createdNanos) {
        oldest = b;
      }
    }
    return oldest;
  }

  private void add(WalRecord record) throws InterruptedException {
    EntryRecordCodec.View v = view;
    try {
      EntryRecordCodec.decode(record.payload(), v);
    } catch (IllegalArgumentException e) {
      metrics.corruptRecords.inc();
      logger.warn("loki.write skipped a corrupt queue record err={}", e.getMessage());
      v.size = 0;
    }
    // Tenant and stream labels once per label set of the record, not once per line.
    int sets = v.sets.size();
    if (setTenants.length < sets) {
      setTenants = new String[Math.max(sets, setTenants.length * 2)];
      setStreams = new Labels[setTenants.length];
    }
    for (int i = 0; i < sets; i++) {
      Labels l = v.sets.get(i);
      setTenants[i] = l.find(TENANT_LABEL).orElse(config.tenantId());
      setStreams[i] = sameStreams.canonical(streamLabels(l));
    }
    for (int i = 0; i < v.size; i++) {
      int ref = v.setRefs[i];
      add(setTenants[ref], setStreams[ref], v, i, record.position());
    }
    Arrays.fill(setStreams, 0, sets, null);
    lastRead = record.next();
    if (batches.isEmpty()) {
      acknowledge();
    }
    metrics.pendingEntries.labelValues(host).set(pendingEntries());
  }

  private void add(String tenant, Labels labels, EntryRecordCodec.View v, int i, Position from)
      throws InterruptedException {
    Labels metadata = v.metadata(i);
    long size = TenantBatch.size(v.lineLengths[i], metadata);
    TenantBatch batch = batches.get(tenant);
    if (batch != null && batch.wouldExceed(size, config.batchSize().bytes())) {
      send(batch);
      batch = null;
    }
    if (batch == null) {
      batch = new TenantBatch(tenant, from, System.nanoTime());
      batches.put(tenant, batch);
    }
    if (maxStreams > 0 && batch.streamCount() >= maxStreams && !batch.hasStream(labels)) {
      dropped(tenant, "stream_limited", 1, size);
      return;
    }
    batch.add(
        labels, v.timestamps[i], v.record, v.lineOffsets[i], v.lineLengths[i], metadata, size);
  }

  /** Entry labels without internal {@code __*} labels, external labels under them. */
  private Labels streamLabels(Labels labels) {
    boolean internal = false;
    for (int i = 0; i < labels.size() && !internal; i++) {
      internal = labels.name(i).startsWith("__");
    }
    if (!internal && externalLabels.isEmpty()) {
      return labels;
    }
    Labels.Builder b = labelsBuilder.reset();
    externalLabels.forEach(b::set);
    for (int i = 0; i < labels.size(); i++) {
      if (!labels.name(i).startsWith("__")) {
        b.set(labels.name(i), labels.value(i));
      }
    }
    return b.build();
  }

  private int pendingEntries() {
    int n = 0;
    for (TenantBatch b : batches.values()) {
      n += b.entries();
    }
    return n;
  }

  /**
   * Encodes one batch and puts it on the wire, where it is sent until accepted or finally dropped.
   * One push at a time, in order, as Alloy's client does; but this one is encoded while the last
   * one is still on the wire, and the sender goes on reading the queue while it is.
   */
  private void send(TenantBatch batch) throws InterruptedException {
    batches.remove(batch.tenant);
    PushRequestEncoder encoder = encoders[nextEncoder];
    nextEncoder ^= 1;
    batch.encode(encoder);
    PushRequestEncoder.Body body = encoder.finish();
    Thread last = inFlight;
    if (last != null) {
      last.join();
      inFlight = null;
    }
    // Once this push is done, every entry of the records before ackAfter is: the batches still
    // pending start at or after it, and the ones before were done already.
    Position oldest = lastRead;
    for (TenantBatch b : batches.values()) {
      if (b.firstRecord.compareTo(oldest) < 0) {
        oldest = b.firstRecord;
      }
    }
    Position ackAfter = oldest;
    inFlightFirst = batch.firstRecord;
    inFlight =
        Thread.ofVirtual()
            .name("loki.write-push-" + config.endpointName())
            .start(
                () -> {
                  try {
                    boolean delivered = push(batch, body);
                    advance(ackAfter);
                    // Counted once acknowledged, so whoever sees the count sees the position moved.
                    if (delivered) {
                      metrics.sentEntries.labelValues(host, batch.tenant).inc(batch.entries());
                      metrics.sentBytes.labelValues(host, batch.tenant).inc(batch.bytes());
                    }
                  } catch (InterruptedException e) {
                    // stopping: not acknowledged, sent again after the restart
                  } finally {
                    inFlightFirst = null;
                  }
                });
    metrics.pendingEntries.labelValues(host).set(pendingEntries());
  }

  /**
   * Sends one encoded batch until it is accepted or finally dropped, on the push thread; whether it
   * was accepted.
   */
  private boolean push(TenantBatch batch, PushRequestEncoder.Body body)
      throws InterruptedException {
    String tenant = batch.tenant;
    metrics.encodedBytes.labelValues(host, tenant).inc(body.length());
    Duration backoff = config.minBackoffPeriod();
    boolean delivered = false;
    for (int attempt = 0; ; attempt++) {
      if (stopped) {
        throw new InterruptedException("stopping");
      }
      long start = System.nanoTime();
      PushResult result = client.send(body.buffer(), body.length(), tenant);
      int status =
          switch (result) {
            case PushResult.Success s -> s.status();
            case PushResult.Retryable r -> r.status();
            case PushResult.Failed f -> f.status();
          };
      metrics
          .requestDuration
          .labelValues(Integer.toString(status), host, tenant)
          .observe((System.nanoTime() - start) / 1e9);
      if (result instanceof PushResult.Success) {
        delivered = true;
        if (attempt > 0) {
          logger.info(
              "loki.write recovered endpoint={} attempts={}", config.endpointName(), attempt + 1);
        }
        break;
      }
      if (result instanceof PushResult.Failed f) {
        logger.warn(
            "final error sending batch, dropped endpoint={} status={} tenant={} entries={} error={}",
            config.endpointName(),
            f.status(),
            tenant,
            batch.entries(),
            f.message());
        dropped(tenant, f.reason(), batch.entries(), batch.bytes());
        break;
      }
      PushResult.Retryable r = (PushResult.Retryable) result;
      int retries = config.maxBackoffRetries();
      if (retries > 0 && attempt + 1 >= retries) {
        logger.warn(
            "final error sending batch after retries, dropped endpoint={} status={} tenant={}"
                + " entries={} error={}",
            config.endpointName(),
            r.status(),
            tenant,
            batch.entries(),
            r.message());
        dropped(tenant, "ingester_error", batch.entries(), batch.bytes());
        break;
      }
      metrics.batchRetries.labelValues(host, tenant).inc();
      if (attempt == 0) {
        // Once per batch: an outage must not flood the log (alloy PR 4348).
        logger.warn(
            "error sending batch, will retry endpoint={} status={} tenant={} error={}",
            config.endpointName(),
            r.status(),
            tenant,
            r.message());
      }
      Thread.sleep(jitter(backoff));
      backoff = backoff.multipliedBy(2);
      if (backoff.compareTo(config.maxBackoffPeriod()) > 0) {
        backoff = config.maxBackoffPeriod();
      }
    }
    return delivered;
  }

  /** As dskit's backoff: a random duration in [d/2, d). */
  private static Duration jitter(Duration d) {
    long n = d.toNanos();
    return n < 2 ? d : Duration.ofNanos(n / 2 + ThreadLocalRandom.current().nextLong(n / 2));
  }

  private void dropped(String tenant, String reason, long entries, long bytes) {
    metrics.droppedEntries.labelValues(host, reason, tenant).inc(entries);
    metrics.droppedBytes.labelValues(host, reason, tenant).inc(bytes);
  }

  /** Moves the acknowledged position to the oldest record a pending batch still needs. */
  private void acknowledge() {
    Position ack = lastRead;
    Position wire = inFlightFirst;
    if (wire != null && wire.compareTo(ack) < 0) {
      ack = wire;
    }
    for (TenantBatch b : batches.values()) {
      if (b.firstRecord.compareTo(ack) < 0) {
        ack = b.firstRecord;
      }
    }
    advance(ack);
  }

  /** Moves the acknowledged position forward, never back; from the sender and the push thread. */
  private synchronized void advance(Position ack) {
    if (ack.compareTo(acknowledged) > 0) {
      acknowledged = ack;
      storePosition(false);
      acknowledgedMoved.run();
    }
  }

  /**
   * Persists the acknowledged position, at most once a second while batches flow (each store is two
   * fsyncs): a crash repeats at most a second of sent entries, and loses none.
   */
  private synchronized void storePosition(boolean now) {
    Position p = acknowledged;
    if (p.equals(stored) || (!now && System.nanoTime() - storedNanos < STORE_INTERVAL_NANOS)) {
      return;
    }
    try {
      positionFile.store(p);
      stored = p;
      storedNanos = System.nanoTime();
    } catch (IOException e) {
      logger.warn(
          "loki.write position not saved endpoint={} err={}", config.endpointName(), e.toString());
    }
  }
}
