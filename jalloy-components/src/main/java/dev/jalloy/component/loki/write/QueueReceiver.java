package dev.jalloy.component.loki.write;

import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code loki.write}'s exported {@code receiver}: appends each received batch to the on-disk queue
 * as one record and returns once it is fsynced, so the source may commit its position.
 *
 * <p>Bounded disk with backpressure, never dropping: while the queue's segments hold more than
 * {@code max_disk_size} bytes, {@link #receive} first asks for a truncation (the endpoints may have
 * acknowledged more since the last one) and then blocks until the senders free room. A file source
 * blocked here stops reading, and a push source answers its client late, so data waits where it
 * already is safe instead of being lost.
 */
final class QueueReceiver implements LogsReceiver {
  private static final long WAIT_MILLIS = 200;

  private final Wal wal;
  private final long maxDiskSize;
  private final Runnable truncate;
  private final LokiWriteMetrics metrics;
  private final Object room = new Object();
  private volatile boolean closed;

  QueueReceiver(Wal wal, long maxDiskSize, Runnable truncate, LokiWriteMetrics metrics) {
    this.wal = wal;
    this.maxDiskSize = maxDiskSize;
    this.truncate = truncate;
    this.metrics = metrics;
  }

  @Override
  public void receive(List<LogEntry> entries) throws InterruptedException {
    if (entries.isEmpty()) {
      return;
    }
    if (closed) {
      throw new IllegalStateException("loki.write has exited");
    }
    awaitRoom();
    byte[] record = EntryRecordCodec.encode(entries);
    try {
      wal.append(record);
    } catch (IOException e) {
      // Not accepted: the caller keeps its position and sends the batch again.
      throw new UncheckedIOException("loki.write queue append failed", e);
    }
    metrics.queueBytes.set(wal.diskSize());
  }

  private void awaitRoom() throws InterruptedException {
    if (maxDiskSize <= 0 || wal.diskSize() <= maxDiskSize) {
      return;
    }
    long start = System.nanoTime();
    metrics.queueBlockedProducers.inc();
    try {
      truncate.run();
      synchronized (room) {
        while (!closed && wal.diskSize() > maxDiskSize) {
          room.wait(WAIT_MILLIS);
          if (wal.diskSize() > maxDiskSize) {
            truncate.run();
          }
        }
      }
      if (closed) {
        throw new IllegalStateException("loki.write has exited");
      }
    } finally {
      metrics.queueBlockedProducers.dec();
      metrics.queueBlockedSeconds.inc((System.nanoTime() - start) / 1e9);
    }
  }

  /** Wakes blocked producers after the queue may have shrunk. */
  void roomMaybe() {
    synchronized (room) {
      room.notifyAll();
    }
  }

  /** Fails blocked and later producers: the component is gone. */
  void close() {
    closed = true;
    roomMaybe();
  }
}
