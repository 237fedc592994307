package dev.jalloy.model;

import java.util.List;

/**
 * What {@code forward_to} lists for logs: the {@code receiver} export of {@code loki.process},
 * {@code loki.relabel}, {@code loki.write}, {@code loki.echo} (Alloy's {@code loki.LogsReceiver}
 * capsule). Components export one and accept {@code List<LogsReceiver>}.
 *
 * <p>Delivery is synchronous, which is what makes a source's position safe to commit: {@link
 * #receive} returns only when every entry has been accepted downstream, that is written to {@code
 * loki.write}'s on-disk queue, handed to every receiver of a {@code forward_to} list in turn, or
 * dropped by a rule and counted. A source therefore advances its position (file offset, journal
 * cursor) after {@code receive} returns and never before. A receiver that cannot accept more (its
 * queue is full, its disk budget spent) blocks the caller: backpressure reaches the file reader
 * instead of memory growing.
 *
 * <p>Implementations are thread-safe: many sources send concurrently.
 */
public interface LogsReceiver {
  /**
   * Accepts a batch of entries, in order.
   *
   * @throws InterruptedException when the caller is stopping while blocked; entries not accepted
   *     yet are the caller's to send again
   * @throws IllegalStateException when the receiver's component has exited
   */
  void receive(List<LogEntry> entries) throws InterruptedException;
}
