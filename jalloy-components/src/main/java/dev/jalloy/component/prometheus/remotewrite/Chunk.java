package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.wal.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's part of one WAL record: the samples (in flat arrays) and exemplars or metadata that
 * hash to the shard, and the position just after the record. Every shard gets a chunk for every
 * record, empty or not, so each can tell when it has sent everything up to a position.
 */
final class Chunk {
  final SampleColumns samples = new SampleColumns(16);
  final List<PendingBatch.Other> others = new ArrayList<>(0);
  Position next;

  /** Moves the chunk's content into a shard's pending batch and marks the record's end. */
  void drainTo(PendingBatch pending) {
    pending.addSamples(samples);
    others.forEach(pending::addOther);
    pending.endRecord(next);
  }
}
