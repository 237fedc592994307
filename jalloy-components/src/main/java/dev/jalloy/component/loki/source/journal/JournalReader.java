package dev.jalloy.component.loki.source.journal;

import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Follows a journal on a thread of its own (a platform thread: {@code sd_journal_wait} blocks in
 * native code, which would pin a virtual thread's carrier): seeks to where the last run stopped,
 * reads entries in batches, hands each batch to {@code forward_to} and stores the cursor of the
 * batch's last entry only once {@link LogsReceiver#receive} returned. At the end of the journal it
 * waits with {@code sd_journal_wait} in slices of {@link #WAIT_SLICE}, so that a quiet journal
 * costs a few wake-ups a second and a stop is noticed within one slice.
 *
 * <p>Start position, as Alloy's {@code sdjournal.seekToStart}: the stored cursor's entry when it
 * still exists (the first read returns the entry after it); when it is gone (the journal rotated or
 * was vacuumed past it) the oldest entry after its place, counted and logged once; an entry older
 * than {@code max_age}, no cursor, or a cursor libsystemd rejects: the first entry at or after now
 * − {@code max_age}.
 */
final class JournalReader implements Runnable {
  static final Duration WAIT_SLICE = Duration.ofMillis(250);
  private static final Duration RETRY = Duration.ofSeconds(1);

  /** What the reader reports to its component. */
  interface Listener {
    /** The journal is open and being read. */
    void opened();

    /** The journal could not be opened or read; the reader retries. */
    void failed(String reason);

    /** A stored cursor no longer names an entry. */
    void cursorLost(String cursor);

    /** Entries were skipped, by reason. */
    void skipped(JournalEntryConverter.Skip reason);

    /** Entries were forwarded. */
    void forwarded(int count);

    /** A batch's cursor, once its entries were accepted downstream. */
    void commit(String cursor);
  }

  /**
   * What to read.
   *
   * @param path the directory, or empty for the system journal
   * @param matches {@code FIELD=VALUE} terms
   * @param maxAge how far back to start without a usable cursor; zero for no limit
   * @param startCursor the stored cursor, if any
   * @param maxBatch the most entries per {@code receive} call
   */
  record Settings(
      String path,
      List<String> matches,
      Duration maxAge,
      Optional<String> startCursor,
      int maxBatch) {}

  private final Settings settings;
  private final JournalEntryConverter converter;
  private final LogsReceiver receiver;
  private final Listener listener;
  private final Clock clock;
  private final Logger logger;
  private volatile boolean stopped;
  private volatile boolean running;
  private Optional<String> cursor;

  JournalReader(
      Settings settings,
      JournalEntryConverter converter,
      LogsReceiver receiver,
      Listener listener,
      Clock clock,
      Logger logger) {
    this.settings = settings;
    this.converter = converter;
    this.receiver = receiver;
    this.listener = listener;
    this.clock = clock;
    this.logger = logger;
    this.cursor = settings.startCursor();
  }

  /** Asks the reader to stop; it does within one wait slice (or when {@code receive} returns). */
  void stop() {
    stopped = true;
  }

  /** Whether the journal is open and being followed. */
  boolean running() {
    return running;
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        Optional<String> unusable = JournalLocations.problem(settings.path());
        if (unusable.isPresent()) {
          listener.failed(unusable.get());
        } else {
          follow();
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        logger
            .atError()
            .addKeyValue("err", e.getMessage())
            .addKeyValue("path", settings.path())
            .log("error reading the journal; retrying");
        listener.failed("error reading the journal: " + e.getMessage());
      } finally {
        running = false;
      }
      if (!pause(RETRY)) {
        return;
      }
    }
  }

  /** Sleeps unless stopped; false when stopped or interrupted. */
  private boolean pause(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    try {
      while (!stopped && System.nanoTime() < end) {
        long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
        Thread.sleep(Math.min(WAIT_SLICE.toMillis(), left));
      }
    } catch (InterruptedException e) {
      return false;
    }
    return !stopped;
  }

  private void follow() throws IOException, InterruptedException {
    try (SdJournal j = SdJournal.open(settings.path())) {
      for (String m : settings.matches()) {
        j.addMatch(m);
      }
      boolean currentUnread = seekToStart(j);
      running = true;
      listener.opened();
      List<LogEntry> batch = new ArrayList<>(settings.maxBatch());
      while (!stopped) {
        boolean more = true;
        while (batch.size() < settings.maxBatch() && (more = currentUnread || j.next())) {
          currentUnread = false;
          read(j, batch);
        }
        deliver(j, batch);
        if (!more) {
          j.await(WAIT_SLICE.toNanos() / 1000);
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
        }
      }
    }
  }

  private boolean consumedSinceCommit;

  /** Converts the current entry into {@code batch}, or counts why not. */
  private void read(SdJournal j, List<LogEntry> batch) throws IOException {
    consumedSinceCommit = true;
    converter.reset();
    j.fields(converter);
    long nanos;
    try {
      nanos = Math.multiplyExact(j.realtimeUsec(), 1000L);
    } catch (IOException | ArithmeticException e) {
      nanos = clockNanos();
    }
    JournalEntryConverter.Result r = converter.convert(nanos);
    if (r.entry().isPresent()) {
      batch.add(r.entry().get());
    } else {
      listener.skipped(r.skip().orElseThrow());
    }
  }

  /** Sends {@code batch}, then stores the cursor of the last entry read (sent or skipped). */
  private void deliver(SdJournal j, List<LogEntry> batch) throws IOException, InterruptedException {
    if (!consumedSinceCommit) {
      return;
    }
    String c = j.cursor();
    if (!batch.isEmpty()) {
      List<LogEntry> copy = List.copyOf(batch); // receivers may keep the list
      boolean failing = false;
      while (true) {
        try {
          receiver.receive(copy);
          break;
        } catch (RuntimeException e) {
          if (!failing) {
            failing = true;
            logger
                .atWarn()
                .addKeyValue("err", e.toString())
                .log("forward_to rejected entries; retrying without advancing the cursor");
          }
          if (stopped) {
            throw new InterruptedException("stopped");
          }
          Thread.sleep(RETRY);
        }
      }
      listener.forwarded(copy.size());
      batch.clear();
    }
    cursor = Optional.of(c);
    consumedSinceCommit = false;
    listener.commit(c);
  }

  /**
   * Positions the journal for reading.
   *
   * @return whether the current entry is the first to read (the next one otherwise)
   */
  private boolean seekToStart(SdJournal j) throws IOException {
    long cutoffUsec =
        settings.maxAge().isZero()
            ? 0
            : Math.max(0, clockNanos() / 1000 - settings.maxAge().toNanos() / 1000);
    if (cursor.isEmpty()) {
      seekCutoff(j, cutoffUsec);
      return false;
    }
    String c = cursor.get();
    boolean landed;
    try {
      j.seekCursor(c);
      landed = j.next();
    } catch (IOException e) {
      listener.cursorLost(c);
      logger
          .atWarn()
          .addKeyValue("err", e.getMessage())
          .log("stored journal cursor unusable; starting max_age back");
      seekCutoff(j, cutoffUsec);
      return false;
    }
    if (!landed) {
      return false; // at the end: nothing newer yet, and the next entry follows the cursor
    }
    if (cutoffUsec > 0 && j.realtimeUsec() < cutoffUsec) {
      seekCutoff(j, cutoffUsec);
      return false;
    }
    if (j.testCursor(c)) {
      return false; // on the cursor's own entry, already sent
    }
    // The cursor's entry is gone; the one we landed on is the oldest after it, unread.
    listener.cursorLost(c);
    return true;
  }

  private static void seekCutoff(SdJournal j, long cutoffUsec) throws IOException {
    if (cutoffUsec == 0) {
      j.seekHead();
    } else {
      j.seekRealtimeUsec(cutoffUsec);
    }
  }

  private long clockNanos() {
    var now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
