package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder.EncodedLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One shard's part of one WAL record: the samples (in flat arrays) and exemplars or metadata that
 * hash to the shard, and the position just after the record. Every shard gets a chunk for every
 * record, empty or not, so each can tell when it has sent everything up to a position.
 */
final class Chunk {
  EncodedLabels[] series = new EncodedLabels[16];
  long[] timestamps = new long[16];
  double[] values = new double[16];
  int samples;
  final List<PendingBatch.Other> others = new ArrayList<>(0);
  Position next;

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

  /** Moves the chunk's content into a shard's pending batch and marks the record's end. */
  void drainTo(PendingBatch pending) {
    for (int i = 0; i < samples; i++) {
      pending.addSample(series[i], timestamps[i], values[i]);
    }
    others.forEach(pending::addOther);
    pending.endRecord(next);
  }
}
