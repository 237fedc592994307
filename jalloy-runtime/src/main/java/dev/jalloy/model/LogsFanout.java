package dev.jalloy.model;

import java.util.List;

/**
 * Sends every batch to every receiver of a {@code forward_to} list, one after the other, returning
 * when all have accepted it (so the caller's position is safe only once the slowest has).
 */
public final class LogsFanout implements LogsReceiver {
  private final List<LogsReceiver> receivers;

  /** A fan-out to {@code receivers}; an empty list accepts and discards everything. */
  public LogsFanout(List<? extends LogsReceiver> receivers) {
    this.receivers = List.copyOf(receivers);
  }

  @Override
  public void receive(List<LogEntry> entries) throws InterruptedException {
    for (LogsReceiver r : receivers) {
      r.receive(entries);
    }
  }

  /** Whether there is anywhere to send to. */
  public boolean isEmpty() {
    return receivers.isEmpty();
  }
}
