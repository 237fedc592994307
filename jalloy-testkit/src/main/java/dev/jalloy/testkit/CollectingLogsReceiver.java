package dev.jalloy.testkit;

import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A logs receiver for tests: keeps every entry it accepted, in order. */
public final class CollectingLogsReceiver implements LogsReceiver {
  /** Every entry received so far. */
  public final List<LogEntry> entries = new CopyOnWriteArrayList<>();

  @Override
  public void receive(List<LogEntry> batch) {
    entries.addAll(batch);
  }

  /** The lines received so far, in order. */
  public List<String> lines() {
    return entries.stream().map(LogEntry::line).toList();
  }
}
