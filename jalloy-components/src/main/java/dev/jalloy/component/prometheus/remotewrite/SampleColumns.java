package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder.EncodedLabels;
import java.util.Arrays;

/**
 * Samples in three growable parallel arrays (series, timestamp, value): no object per sample on the
 * sending path. Shared by a shard's {@link Chunk} of a WAL record and its {@link PendingBatch}.
 */
final class SampleColumns {
  EncodedLabels[] series;
  long[] timestamps;
  double[] values;
  int size;

  SampleColumns(int initialCapacity) {
    series = new EncodedLabels[initialCapacity];
    timestamps = new long[initialCapacity];
    values = new double[initialCapacity];
  }

  void add(EncodedLabels labels, long timestampMs, double value) {
    if (size == values.length) {
      int n = size * 2;
      series = Arrays.copyOf(series, n);
      timestamps = Arrays.copyOf(timestamps, n);
      values = Arrays.copyOf(values, n);
    }
    series[size] = labels;
    timestamps[size] = timestampMs;
    values[size] = value;
    size++;
  }

  /** Appends every sample of {@code other}. */
  void addAll(SampleColumns other) {
    for (int i = 0; i < other.size; i++) {
      add(other.series[i], other.timestamps[i], other.values[i]);
    }
  }

  /** Removes the first {@code n} samples, moving the rest to the front. */
  void dropFirst(int n) {
    System.arraycopy(series, n, series, 0, size - n);
    System.arraycopy(timestamps, n, timestamps, 0, size - n);
    System.arraycopy(values, n, values, 0, size - n);
    Arrays.fill(series, size - n, size, null);
    size -= n;
  }
}
