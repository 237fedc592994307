package dev.jalloy.model;

import java.util.List;

/**
 * Sends every sample to every receiver of a {@code forward_to} list, one transaction per receiver
 * committed or rolled back together. With a single receiver (the usual {@code forward_to}) its
 * references pass straight through, so the hot path keeps them; with several, each keeps its own
 * and the producer gets none.
 */
public final class Fanout implements Appendable {
  private final List<? extends Appendable> receivers;

  public Fanout(List<? extends Appendable> receivers) {
    this.receivers = List.copyOf(receivers);
  }

  @Override
  public Appender appender() {
    Appender[] appenders = new Appender[receivers.size()];
    for (int i = 0; i < appenders.length; i++) {
      appenders[i] = receivers.get(i).appender();
    }
    return new Appender() {
      @Override
      public long append(long ref, Labels labels, long timestampMs, double value) {
        if (appenders.length == 1) {
          return appenders[0].append(ref, labels, timestampMs, value);
        }
        for (Appender a : appenders) {
          a.append(0, labels, timestampMs, value);
        }
        return 0;
      }

      @Override
      public void appendExemplar(long ref, Labels series, Exemplar exemplar) {
        if (appenders.length == 1) {
          appenders[0].appendExemplar(ref, series, exemplar);
          return;
        }
        for (Appender a : appenders) {
          a.appendExemplar(0, series, exemplar);
        }
      }

      @Override
      public void updateMetadata(Labels series, Metadata metadata) {
        for (Appender a : appenders) {
          a.updateMetadata(series, metadata);
        }
      }

      @Override
      public void commit() {
        for (Appender a : appenders) {
          a.commit();
        }
      }

      @Override
      public void rollback() {
        for (Appender a : appenders) {
          a.rollback();
        }
      }
    };
  }
}
