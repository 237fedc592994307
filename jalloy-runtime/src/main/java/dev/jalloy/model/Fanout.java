package dev.jalloy.model;

import java.util.List;

/**
 * Sends every sample to every receiver of a {@code forward_to} list, one transaction per receiver
 * committed or rolled back together. References are not passed through: each receiver keeps its
 * own.
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
        for (Appender a : appenders) {
          a.append(0, labels, timestampMs, value);
        }
        return 0;
      }

      @Override
      public void appendExemplar(long ref, Labels series, Exemplar exemplar) {
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
