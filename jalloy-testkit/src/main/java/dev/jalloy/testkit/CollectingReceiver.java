package dev.jalloy.testkit;

import dev.jalloy.model.Appender;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import dev.jalloy.model.MetricsReceiver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A metrics receiver for tests: keeps what was committed to it, drops what was rolled back. */
public final class CollectingReceiver implements MetricsReceiver {
  /** One committed sample. */
  public record Sample(Labels labels, long timestampMs, double value) {}

  public final List<Sample> samples = new CopyOnWriteArrayList<>();
  public final List<Exemplar> exemplars = new CopyOnWriteArrayList<>();
  public final List<Labels> exemplarSeries = new CopyOnWriteArrayList<>();
  public final List<Metadata> metadata = new CopyOnWriteArrayList<>();

  @Override
  public Appender appender() {
    List<Sample> pending = new ArrayList<>();
    return new Appender() {
      @Override
      public long append(long ref, Labels labels, long timestampMs, double value) {
        pending.add(new Sample(labels, timestampMs, value));
        return 0;
      }

      @Override
      public void appendExemplar(long ref, Labels series, Exemplar exemplar) {
        exemplarSeries.add(series);
        exemplars.add(exemplar);
      }

      @Override
      public void updateMetadata(Labels series, Metadata m) {
        metadata.add(m);
      }

      @Override
      public void commit() {
        samples.addAll(pending);
        pending.clear();
      }

      @Override
      public void rollback() {
        pending.clear();
      }
    };
  }
}
