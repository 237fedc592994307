package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.component.prometheus.remotewrite.WalEntryCodec.Entry;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import dev.jalloy.model.MetricsReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code receiver} export: each appender buffers its transaction and {@link Appender#commit()}
 * writes it to the WAL as one record, returning after the fsync. A commit that cannot be made
 * durable throws, so the producer does not acknowledge its own source.
 */
final class WalReceiver implements MetricsReceiver {
  private final String componentId;
  private final Wal wal;
  private final RemoteWriteMetrics metrics;
  private volatile boolean closed;
  private double highestSeconds; // guarded by this

  WalReceiver(String componentId, Wal wal, RemoteWriteMetrics metrics) {
    this.componentId = componentId;
    this.wal = wal;
    this.metrics = metrics;
  }

  void close() {
    closed = true;
  }

  @Override
  public Appender appender() {
    if (closed) {
      throw new IllegalStateException(componentId + " has exited");
    }
    return new Transaction();
  }

  private final class Transaction implements Appender {
    private final List<Entry> entries = new ArrayList<>();
    private long highestMs = Long.MIN_VALUE;

    @Override
    public long append(long ref, Labels labels, long timestampMs, double value) {
      entries.add(new WalEntryCodec.SampleEntry(labels, timestampMs, value));
      highestMs = Math.max(highestMs, timestampMs);
      return 0;
    }

    @Override
    public void appendExemplar(long ref, Labels series, Exemplar exemplar) {
      entries.add(new WalEntryCodec.ExemplarEntry(series, exemplar));
    }

    @Override
    public void updateMetadata(Labels series, Metadata metadata) {
      entries.add(new WalEntryCodec.MetadataEntry(series, metadata));
    }

    @Override
    public void commit() {
      if (entries.isEmpty()) {
        return;
      }
      if (closed) {
        throw new IllegalStateException(componentId + " has exited");
      }
      try {
        wal.append(WalEntryCodec.encode(entries));
      } catch (IOException e) {
        throw new UncheckedIOException(componentId + ": WAL append failed", e);
      } finally {
        entries.clear();
      }
      if (highestMs != Long.MIN_VALUE) {
        synchronized (WalReceiver.this) {
          if (highestMs / 1000.0 > highestSeconds) {
            highestSeconds = highestMs / 1000.0;
            metrics.highestTimestamp.set(highestSeconds);
          }
        }
      }
      highestMs = Long.MIN_VALUE;
    }

    @Override
    public void rollback() {
      entries.clear();
      highestMs = Long.MIN_VALUE;
    }
  }
}
