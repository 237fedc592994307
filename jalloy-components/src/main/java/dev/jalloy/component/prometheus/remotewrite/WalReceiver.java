package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import dev.jalloy.model.MetricsReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code receiver} export: each appender buffers its transaction and {@link Appender#commit()}
 * writes it to the WAL as one record, returning once it is written (the WAL's sync policy decides
 * when it is fsynced). A commit that cannot be written throws, so the producer does not acknowledge
 * its own source.
 *
 * <p>Samples go into the WAL by series id ({@link SeriesRecordCodec}); the id is also the reference
 * returned to the producer, so a scrape that passes it back skips the label lookup.
 */
final class WalReceiver implements MetricsReceiver {
  private final String componentId;
  private final Wal wal;
  private final RemoteWriteMetrics metrics;
  private final WalSeriesTable series = new WalSeriesTable();
  // Builds records under the WAL's write lock, so one writer serves every transaction.
  private final SeriesRecordCodec.Writer writer = new SeriesRecordCodec.Writer();
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

  private record PendingExemplar(WalSeriesTable.Series series, Exemplar exemplar) {}

  private record PendingMetadata(Labels series, Metadata metadata) {}

  private final class Transaction implements Appender {
    private WalSeriesTable.Series[] sampleSeries = new WalSeriesTable.Series[64];
    private long[] timestamps = new long[64];
    private double[] values = new double[64];
    private int samples;
    private final List<PendingExemplar> exemplars = new ArrayList<>();
    private final List<PendingMetadata> metadata = new ArrayList<>();
    private long highestMs = Long.MIN_VALUE;

    @Override
    public long append(long ref, Labels labels, long timestampMs, double value) {
      WalSeriesTable.Series s = series.resolve(ref, labels);
      if (samples == values.length) {
        int n = samples * 2;
        sampleSeries = Arrays.copyOf(sampleSeries, n);
        timestamps = Arrays.copyOf(timestamps, n);
        values = Arrays.copyOf(values, n);
      }
      sampleSeries[samples] = s;
      timestamps[samples] = timestampMs;
      values[samples] = value;
      samples++;
      highestMs = Math.max(highestMs, timestampMs);
      return s.ref;
    }

    @Override
    public void appendExemplar(long ref, Labels labels, Exemplar exemplar) {
      exemplars.add(new PendingExemplar(series.resolve(ref, labels), exemplar));
    }

    @Override
    public void updateMetadata(Labels labels, Metadata m) {
      metadata.add(new PendingMetadata(labels, m));
    }

    /** The record for {@code segment}: definitions of series new to it, then the samples. */
    private byte[] build(long segment) {
      series.enterSegment(segment);
      SeriesRecordCodec.Writer w = writer.start();
      for (int i = 0; i < samples; i++) {
        define(w, sampleSeries[i], segment);
      }
      for (PendingExemplar x : exemplars) {
        define(w, x.series(), segment);
      }
      for (int i = 0; i < samples; i++) {
        w.sample(sampleSeries[i].id, timestamps[i], values[i]);
      }
      for (PendingExemplar x : exemplars) {
        w.exemplar(x.series().id, x.exemplar());
      }
      for (PendingMetadata m : metadata) {
        w.metadata(m.series(), m.metadata());
      }
      return w.toByteArray();
    }

    private static void define(SeriesRecordCodec.Writer w, WalSeriesTable.Series s, long segment) {
      if (s.definedIn != segment) {
        w.series(s.id, s.labels);
        s.definedIn = segment;
      }
    }

    @Override
    public void commit() {
      if (samples == 0 && exemplars.isEmpty() && metadata.isEmpty()) {
        return;
      }
      if (closed) {
        throw new IllegalStateException(componentId + " has exited");
      }
      try {
        wal.append(this::build);
      } catch (IOException e) {
        series.forgetDefinitions();
        throw new UncheckedIOException(componentId + ": WAL append failed", e);
      } finally {
        clear();
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
      clear();
      highestMs = Long.MIN_VALUE;
    }

    private void clear() {
      Arrays.fill(sampleSeries, 0, samples, null);
      samples = 0;
      exemplars.clear();
      metadata.clear();
    }
  }
}
