package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.prometheus.remotewrite.wire.MetricType;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder.EncodedLabels;
import dev.jalloy.model.Exemplar;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

  private final SampleColumns columns = new SampleColumns(1024);
  private final List<Other> others = new ArrayList<>();
  private final ArrayDeque<Mark> marks = new ArrayDeque<>();
  private long highestMs = Long.MIN_VALUE;

  boolean isEmpty() {
    return columns.size == 0 && others.isEmpty() && marks.isEmpty();
  }

  int samples() {
    return columns.size;
  }

  void addSamples(SampleColumns samples) {
    columns.addAll(samples);
  }

  void addOther(Other other) {
    others.add(other);
  }

  /** Everything of the WAL record that ends at {@code next} has been added. */
  void endRecord(Position next) {
    marks.add(new Mark(columns.size, next));
  }

  /**
   * Encodes the first {@code max} samples (each its own series, as Prometheus' queue does) and all
   * exemplars and metadata; returns how many samples went in. {@link #highestTimestamp()} is then
   * the newest of them.
   */
  int encode(WriteRequestEncoder encoder, int max) {
    int n = Math.min(columns.size, max);
    encoder.reset();
    long highest = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      encoder
          .startSeries(columns.series[i])
          .sample(columns.timestamps[i], columns.values[i])
          .endSeries();
      highest = Math.max(highest, columns.timestamps[i]);
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
    columns.dropFirst(n);
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
