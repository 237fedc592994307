package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.prometheus.remotewrite.wire.MetricType;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder.EncodedLabels;
import dev.jalloy.model.Exemplar;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an endpoint has read from the WAL and not yet sent: samples in flat arrays (no object per
 * sample), the rarer exemplars and metadata beside them, and after each WAL record a mark with the
 * position that acknowledges it once every sample before the mark is sent.
 */
final class PendingBatch {
  private record Mark(int samplesEnd, Position next) {}

  /** An exemplar or a metadata update: rare next to samples, kept as objects. */
  sealed interface Other {}

  /** An exemplar of a series. */
  record PendingExemplar(EncodedLabels series, Exemplar exemplar) implements Other {}

  /** Metadata of a metric family. */
  record PendingMetadata(MetricType type, String family, String help, String unit)
      implements Other {}

  private EncodedLabels[] series = new EncodedLabels[1024];
  private long[] timestamps = new long[1024];
  private double[] values = new double[1024];
  private int samples;
  private final List<Other> others = new ArrayList<>();
  private final ArrayDeque<Mark> marks = new ArrayDeque<>();
  private long highestMs = Long.MIN_VALUE;

  boolean isEmpty() {
    return samples == 0 && others.isEmpty() && marks.isEmpty();
  }

  int samples() {
    return samples;
  }

  void addSample(EncodedLabels labels, long timestampMs, double value) {
    if (samples == values.length) {
      int n = samples * 2;
      series = Arrays.copyOf(series, n);
      timestamps = Arrays.copyOf(timestamps, n);
      values = Arrays.copyOf(values, n);
    }
    series[samples] = labels;
    timestamps[samples] = timestampMs;
    values[samples] = value;
    samples++;
  }

  void addOther(Other other) {
    others.add(other);
  }

  /** Everything of the WAL record that ends at {@code next} has been added. */
  void endRecord(Position next) {
    marks.add(new Mark(samples, next));
  }

  /**
   * Encodes the first {@code max} samples (each its own series, as Prometheus' queue does) and all
   * exemplars and metadata; returns how many samples went in. {@link #highestTimestamp()} is then
   * the newest of them.
   */
  int encode(WriteRequestEncoder encoder, int max) {
    int n = Math.min(samples, max);
    encoder.reset();
    long highest = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      encoder.startSeries(series[i]).sample(timestamps[i], values[i]).endSeries();
      highest = Math.max(highest, timestamps[i]);
    }
    for (Other o : others) {
      switch (o) {
        case PendingExemplar x ->
            encoder
                .startSeries(x.series())
                .exemplar(x.exemplar().labels(), x.exemplar().timestampMs(), x.exemplar().value())
                .endSeries();
        case PendingMetadata m -> encoder.metadata(m.type(), m.family(), m.help(), m.unit());
      }
    }
    highestMs = highest;
    return n;
  }

  /** The newest sample timestamp of the last {@link #encode}, or Long.MIN_VALUE. */
  long highestTimestamp() {
    return highestMs;
  }

  /** How many exemplars and metadata the last {@link #encode} included. */
  int others() {
    return others.size();
  }

  /**
   * Removes the first {@code n} samples and every exemplar and metadata (they were sent); returns
   * the position of the last WAL record now fully sent, or null when none is.
   */
  Position consume(int n) {
    System.arraycopy(series, n, series, 0, samples - n);
    System.arraycopy(timestamps, n, timestamps, 0, samples - n);
    System.arraycopy(values, n, values, 0, samples - n);
    Arrays.fill(series, samples - n, samples, null);
    samples -= n;
    others.clear();
    Position acknowledged = null;
    while (!marks.isEmpty() && marks.peekFirst().samplesEnd() <= n) {
      acknowledged = marks.pollFirst().next();
    }
    if (!marks.isEmpty()) {
      ArrayDeque<Mark> shifted = new ArrayDeque<>(marks.size());
      for (Mark m : marks) {
        shifted.add(new Mark(m.samplesEnd() - n, m.next()));
      }
      marks.clear();
      marks.addAll(shifted);
    }
    return acknowledged;
  }
}
