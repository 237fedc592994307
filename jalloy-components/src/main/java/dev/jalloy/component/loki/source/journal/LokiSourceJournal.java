package dev.jalloy.component.loki.source.journal;

import dev.jalloy.component.Component;
import dev.jalloy.component.DebugInfoProvider;
import dev.jalloy.component.Health;
import dev.jalloy.component.HealthReporter;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.component.loki.source.file.Positions;
import dev.jalloy.component.loki.source.file.PositionsCodec;
import dev.jalloy.model.LogsFanout;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * {@code loki.source.journal}: reads the systemd journal and sends its entries to {@code
 * forward_to}.
 *
 * <pre>
 * loki.source.journal "read" {
 *   forward_to    = [loki.write.default.receiver]
 *   relabel_rules = loki.relabel.journal.rules
 *   max_age       = "12h"
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/loki/source/journal/{journal.go,tailer.go}}: one
 * reader ({@link JournalReader}) over libsystemd ({@link SdJournal}), entries converted by {@link
 * JournalEntryConverter}; the cursor kept in {@code <data path>/positions.yml} under {@code
 * cursor-<component id>}, written every {@value #SYNC_SECONDS} s and at shutdown. Any argument
 * change restarts the reader from the stored cursor.
 *
 * <p>Differences from Alloy, each for a reported problem: the cursor is stored only after {@code
 * forward_to} accepted the entries, and a refused batch is retried, never skipped (Alloy hands
 * entries to a channel and moves past one whose send failed); when there is no journal to read,
 * libsystemd is missing, or the files cannot be read, the component is unhealthy with a message
 * saying what to mount, and keeps retrying (Alloy reports healthy and reads nothing, alloy#924); a
 * cursor rotated away is counted in {@code loki_source_journal_cursor_lost_total}. {@code labels}
 * may set {@code job}, as in Alloy's Promtail-based reader (its newer {@code sdjournal} reader lets
 * {@code job} = the component id win, which would rename the seeds' streams). {@code matches} terms
 * on the same field are OR-ed, as in Alloy and {@code journalctl} (libsystemd's rule); terms on
 * different fields are AND-ed.
 */
public final class LokiSourceJournal
    implements Component<LokiSourceJournal.Arguments>, HealthReporter, DebugInfoProvider {
  /** How {@code loki.source.journal} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.withoutExports(
          "loki.source.journal",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          LokiSourceJournal::new);

  static final long SYNC_SECONDS = 10;
  static final int MAX_BATCH = 1000;

  /**
   * The arguments.
   *
   * @param forwardTo where entries go
   * @param formatAsJson send every field as a JSON object instead of {@code MESSAGE}
   * @param maxAge the oldest entry read when there is no usable cursor
   * @param path a directory of journal files; empty for the system journal
   * @param matches space-separated {@code FIELD=VALUE} terms entries must match
   * @param labels added to every entry
   * @param relabelRules applied to each entry's labels, {@code __journal_*} included
   * @param legacyPosition a Promtail or static-mode cursor to import
   */
  public record Arguments(
      @Attr("forward_to") List<LogsReceiver> forwardTo,
      @Attr(value = "format_as_json", optional = true) boolean formatAsJson,
      @Attr(value = "max_age", optional = true) Duration maxAge,
      @Attr(value = "path", optional = true) String path,
      @Attr(value = "matches", optional = true) String matches,
      @Attr(value = "labels", optional = true) Map<String, String> labels,
      @Attr(value = "relabel_rules", optional = true) RelabelRules relabelRules,
      @Block(value = "legacy_position", optional = true) Optional<LegacyPosition> legacyPosition)
      implements Validated {
    /** Copies the collections, fills what is absent. */
    public Arguments {
      forwardTo = List.copyOf(forwardTo);
      maxAge = maxAge == null ? Duration.ofHours(7) : maxAge;
      path = path == null ? "" : path;
      matches = matches == null ? "" : matches;
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      relabelRules = relabelRules == null ? new RelabelRules(List.of()) : relabelRules;
      legacyPosition = legacyPosition == null ? Optional.empty() : legacyPosition;
    }

    /** Alloy's defaults: seven hours back, the system journal. */
    public static Arguments defaults() {
      return new Arguments(
          List.of(),
          false,
          Duration.ofHours(7),
          "",
          "",
          Map.of(),
          new RelabelRules(List.of()),
          Optional.empty());
    }

    @Override
    public void validate() {
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException("max_age must not be negative");
      }
      for (String m : matchTerms()) {
        if (m.indexOf('=') <= 0) {
          throw new IllegalArgumentException(
              "Error parsing journal reader 'matches' config value: " + m + " is not FIELD=VALUE");
        }
      }
      relabelRules.rules().forEach(dev.jalloy.component.common.relabel.Rule::validate);
    }

    /** The {@code matches} terms. */
    List<String> matchTerms() {
      String t = matches.strip();
      return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
  }

  /**
   * {@code legacy_position}: where Promtail or static mode kept this journal's cursor.
   *
   * @param file the legacy positions file
   * @param name the old job name; the cursor is under {@code cursor-<name>}
   */
  public record LegacyPosition(@Attr("file") String file, @Attr("name") String name) {}

  /**
   * Debug info.
   *
   * @param path the journal read
   * @param isRunning whether the journal is open and followed
   * @param cursor the last committed cursor
   */
  public record DebugInfo(
      @Attr("path") String path,
      @Attr("is_running") boolean isRunning,
      @Attr("cursor") String cursor) {}

  private final Options options;
  private final Logger logger;
  private final Positions positions;
  private final String positionKey;
  private final Counter lines;
  private final Counter parsingErrors;
  private final Counter cursorLost;
  private final AtomicBoolean cursorLossLogged = new AtomicBoolean();
  private final Object lock = new Object();
  private volatile LogsFanout fanout;
  private final LogsReceiver receiver = entries -> fanout.receive(entries);
  private Arguments arguments; // guarded by lock
  private boolean running; // guarded by lock
  private JournalReader reader; // guarded by lock
  private Thread readerThread; // guarded by lock
  private volatile Health health;
  private volatile boolean failing;
  private volatile boolean skipFinalSync;
  private int maxBatch = MAX_BATCH;

  LokiSourceJournal(Options options, Arguments arguments) throws IOException {
    arguments.validate();
    this.options = options;
    this.logger = options.logger();
    this.positionKey = "cursor-" + options.id();
    Path file = options.dataPath().resolve("positions.yml");
    Optional<String> legacyCursor = legacyCursor(file, arguments.legacyPosition());
    this.positions = Positions.load(file, Optional.empty());
    legacyCursor.ifPresent(c -> positions.putString(positionKey, "", c));
    positions
        .corruption()
        .ifPresent(
            why ->
                logger
                    .atWarn()
                    .addKeyValue("err", why)
                    .log("positions file unreadable; moved aside, starting max_age back"));
    var registry = options.registry();
    this.lines =
        Counter.builder()
            .name("loki_source_journal_target_lines_total")
            .help("Total number of successful journal lines read")
            .register(registry);
    this.parsingErrors =
        Counter.builder()
            .name("loki_source_journal_target_parsing_errors_total")
            .help("Total number of parsing errors while reading journal messages")
            .labelNames("error")
            .register(registry);
    this.cursorLost =
        Counter.builder()
            .name("loki_source_journal_cursor_lost_total")
            .help(
                "Stored cursors whose entry no longer exists (the journal rotated past it);"
                    + " reading resumed at the oldest entry after it within max_age")
            .register(registry);
    this.fanout = new LogsFanout(arguments.forwardTo());
    this.arguments = arguments;
    this.health = Health.unknown(options.clock().instant());
  }

  /**
   * The cursor of a legacy file, when {@code positions.yml} does not exist yet (Alloy's {@code
   * ConvertLegacyPositionsFileJournal}).
   */
  private Optional<String> legacyCursor(Path file, Optional<LegacyPosition> legacy)
      throws IOException {
    if (legacy.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (!Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
        return Optional.empty();
      }
    } catch (NoSuchFileException e) {
      // nothing stored yet: import
    }
    Path old = Path.of(legacy.get().file());
    if (!Files.exists(old)) {
      return Optional.empty();
    }
    try {
      String value =
          PositionsCodec.parseLegacy(Files.readString(old, StandardCharsets.UTF_8))
              .get(new PositionsCodec.Key("cursor-" + legacy.get().name(), "{}"));
      if (value != null && !value.isEmpty()) {
        logger
            .atInfo()
            .addKeyValue("file", old)
            .log("imported the journal cursor of a legacy positions file");
      }
      return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    } catch (PositionsCodec.CorruptException e) {
      throw new IOException(
          "legacy positions file " + old + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public void update(Arguments newArguments) {
    newArguments.validate();
    synchronized (lock) {
      fanout = new LogsFanout(newArguments.forwardTo());
      boolean restart = !readerSettings(newArguments).equals(readerSettings(arguments));
      arguments = newArguments;
      if (running && restart) {
        stopReader();
        startReader();
      }
    }
  }

  private static List<Object> readerSettings(Arguments a) {
    return List.of(
        a.formatAsJson(), a.maxAge(), a.path(), a.matches(), a.labels(), a.relabelRules().rules());
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    synchronized (lock) {
      running = true;
      startReader();
    }
    try {
      while (!context.awaitCancellation(Duration.ofSeconds(SYNC_SECONDS))) {
        sync();
      }
    } catch (InterruptedException e) {
      if (!context.isCancelled()) {
        throw e;
      }
    } finally {
      // An interrupt during the final write would close its file: stop on a thread of our own.
      Thread shutdown =
          Thread.ofVirtual()
              .name("stop " + options.id())
              .start(
                  () -> {
                    synchronized (lock) {
                      running = false;
                      stopReader();
                    }
                    if (!skipFinalSync) {
                      sync();
                    }
                  });
      boolean interrupted = false;
      while (shutdown.isAlive()) {
        try {
          shutdown.join(Duration.ofSeconds(30));
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts a reader from the stored cursor. Hold the lock. */
  private void startReader() {
    Arguments a = arguments;
    JournalReader.Settings settings =
        new JournalReader.Settings(
            a.path(),
            a.matchTerms(),
            a.maxAge(),
            positions.get(positionKey, "").filter(c -> !c.isEmpty()),
            maxBatch);
    JournalEntryConverter converter =
        new JournalEntryConverter(
            options.id(), a.labels(), a.relabelRules().rules(), a.formatAsJson());
    reader =
        new JournalReader(settings, converter, receiver, new Listener(), options.clock(), logger);
    readerThread = Thread.ofPlatform().daemon().name("journal " + options.id()).start(reader);
  }

  /** Stops the reader and waits for it. Hold the lock. */
  private void stopReader() {
    if (reader == null) {
      return;
    }
    reader.stop();
    Thread t = readerThread;
    boolean interrupted = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (t.isAlive() && System.nanoTime() < deadline) {
      try {
        if (!t.join(JournalReader.WAIT_SLICE.multipliedBy(2))) {
          t.interrupt(); // blocked in receive(): backpressure from a full queue
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (t.isAlive()) {
      logger.atWarn().log("journal reader did not stop within 5s");
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    reader = null;
    readerThread = null;
  }

  /** Writes the positions file now; for the run loop, shutdown and tests. */
  void sync() {
    try {
      positions.sync();
    } catch (IOException e) {
      logger.atError().addKeyValue("err", e.toString()).log("error writing positions file");
    }
  }

  /** Makes the next stop behave like a kill: no final positions write. For tests. */
  void skipFinalSyncForTest() {
    skipFinalSync = true;
  }

  /** Smaller batches for tests. */
  void maxBatchForTest(int n) {
    maxBatch = n;
  }

  /** The stored cursor. */
  Optional<String> cursor() {
    return positions.get(positionKey, "");
  }

  @Override
  public Health currentHealth() {
    return health;
  }

  @Override
  public DebugInfo debugInfo() {
    String path;
    boolean isRunning;
    synchronized (lock) {
      path = arguments.path();
      isRunning = reader != null && reader.running();
    }
    return new DebugInfo(path, isRunning, cursor().orElse(""));
  }

  private final class Listener implements JournalReader.Listener {
    @Override
    public void opened() {
      failing = false;
      health = Health.healthy("journal tailer is running", options.clock().instant());
    }

    @Override
    public void failed(String reason) {
      String message = "error creating journal tailer: " + reason;
      if (!failing || !message.equals(health.message())) {
        logger.atError().addKeyValue("err", reason).log("cannot read the journal");
        health = Health.unhealthy(message, options.clock().instant());
      }
      failing = true;
    }

    @Override
    public void cursorLost(String cursor) {
      cursorLost.inc();
      if (cursorLossLogged.compareAndSet(false, true)) {
        logger
            .atWarn()
            .addKeyValue("cursor", cursor)
            .log(
                "stored journal cursor no longer exists (the journal rotated past it); resuming"
                    + " at the oldest entry after it within max_age");
      }
    }

    @Override
    public void skipped(JournalEntryConverter.Skip reason) {
      if (!reason.metricValue.isEmpty()) {
        parsingErrors.labelValues(reason.metricValue).inc();
      }
    }

    @Override
    public void forwarded(int count) {
      lines.inc(count);
    }

    @Override
    public void commit(String cursor) {
      positions.putString(positionKey, "", cursor);
    }
  }
}
