package dev.jalloy.component.loki.source.file;

import dev.jalloy.component.Component;
import dev.jalloy.component.DebugInfoProvider;
import dev.jalloy.component.Health;
import dev.jalloy.component.HealthReporter;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.local.filematch.FileMatcher;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogsFanout;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * {@code loki.source.file}: tails files and sends their lines to {@code forward_to}.
 *
 * <pre>
 * loki.source.file "logs" {
 *   targets    = local.file_match.logs.targets
 *   forward_to = [loki.write.default.receiver]
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/loki/source/file/file.go}: one reader per (path,
 * label set) on its own virtual thread ({@link Tailer}, or {@link DecompressedReader} with the
 * {@code decompression} block); entry labels are the target's labels without {@code __*} plus
 * {@code filename}; positions in {@code <data path>/positions.yml} ({@link Positions}), written
 * every {@value #SYNC_SECONDS} s and at shutdown. A target that disappears stops its reader and
 * loses its position; on shutdown positions are kept.
 *
 * <p>Unlike Alloy, an unparseable positions file does not stop the component: it is moved aside,
 * counted in {@code loki_source_file_positions_errors_total{reason="corrupt_file"}}, and every file
 * starts where {@code on_positions_file_error} says; Alloy's {@code invalid yaml positions file}
 * turned a torn file into a crash loop (loki#6268).
 */
public final class LokiSourceFile
    implements Component<LokiSourceFile.Arguments>, DebugInfoProvider, HealthReporter {
  /** How {@code loki.source.file} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.withoutExports(
          "loki.source.file", Stability.GENERALLY_AVAILABLE, Arguments.class, LokiSourceFile::new);

  static final long SYNC_SECONDS = 10;

  /** The longest line kept whole, Loki's default {@code max_line_size} (256 KiB) times four. */
  static final int MAX_LINE_BYTES = 1024 * 1024;

  static final int MAX_BATCH_LINES = 16384;

  /**
   * The arguments.
   *
   * @param targets files to read, each with {@code __path__}
   * @param forwardTo where entries go
   * @param encoding an IANA encoding name; empty for UTF-8
   * @param tailFromEnd start at the end of files without a stored position
   * @param onPositionsFileError what an unusable stored position means
   * @param legacyPositionsFile a Promtail positions file to import
   * @param decompression reading compressed files
   * @param fileWatch polling bounds
   * @param fileMatch globbing {@code __path__}
   */
  public record Arguments(
      @Attr("targets") List<Map<String, String>> targets,
      @Attr("forward_to") List<LogsReceiver> forwardTo,
      @Attr(value = "encoding", optional = true) String encoding,
      @Attr(value = "tail_from_end", optional = true) boolean tailFromEnd,
      @Attr(value = "on_positions_file_error", optional = true) String onPositionsFileError,
      @Attr(value = "legacy_positions_file", optional = true) String legacyPositionsFile,
      @Block(value = "decompression", optional = true) Optional<Decompression> decompression,
      @Block(value = "file_watch", optional = true) FileWatch fileWatch,
      @Block(value = "file_match", optional = true) FileMatch fileMatch) {
    /** Checks what Alloy checks at configuration time, with its words where it has them. */
    public Arguments {
      targets = List.copyOf(targets);
      forwardTo = List.copyOf(forwardTo);
      if (encoding == null) {
        encoding = "";
      }
      if (!encoding.isEmpty()) {
        try {
          Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown encoding \"" + encoding + "\"", e);
        }
      }
      if (onPositionsFileError == null || onPositionsFileError.isEmpty()) {
        onPositionsFileError = "restart_from_beginning";
      }
      TailerSettings.PositionsErrorPolicy.parse(onPositionsFileError);
      if (decompression == null) {
        decompression = Optional.empty();
      }
      if (decompression.filter(Decompression::enabled).isPresent() && tailFromEnd) {
        throw new IllegalArgumentException(
            "tail_from_end is not supported when decompression is enabled");
      }
      if (fileWatch == null) {
        fileWatch = FileWatch.defaults();
      }
      if (fileMatch == null) {
        fileMatch = FileMatch.defaults();
      }
    }

    /** Alloy's defaults. */
    public static Arguments defaults() {
      return new Arguments(
          List.of(),
          List.of(),
          "",
          false,
          "restart_from_beginning",
          "",
          Optional.empty(),
          FileWatch.defaults(),
          FileMatch.defaults());
    }
  }

  /**
   * {@code decompression}.
   *
   * @param enabled whether files are compressed
   * @param format gz, z or bz2
   * @param initialDelay how long to wait before reading, for a file still being compressed
   */
  public record Decompression(
      @Attr("enabled") boolean enabled,
      @Attr("format") String format,
      @Attr(value = "initial_delay", optional = true) Duration initialDelay) {
    /** Checks the format. */
    public Decompression {
      DecompressedReader.Format.parse(format);
      if (initialDelay == null || initialDelay.isNegative()) {
        initialDelay = Duration.ZERO;
      }
    }
  }

  /**
   * {@code file_watch}.
   *
   * @param minPollFrequency the first wait at end of file
   * @param maxPollFrequency the longest wait
   */
  public record FileWatch(
      @Attr(value = "min_poll_frequency", optional = true) Duration minPollFrequency,
      @Attr(value = "max_poll_frequency", optional = true) Duration maxPollFrequency) {
    /** Requires positive, ordered bounds. */
    public FileWatch {
      if (minPollFrequency == null || minPollFrequency.isZero() || minPollFrequency.isNegative()) {
        throw new IllegalArgumentException("min_poll_frequency must be greater than 0");
      }
      if (maxPollFrequency == null || maxPollFrequency.compareTo(minPollFrequency) < 0) {
        throw new IllegalArgumentException(
            "max_poll_frequency must be greater than or equal to min_poll_frequency");
      }
    }

    /** 250 ms both. */
    public static FileWatch defaults() {
      return new FileWatch(Duration.ofMillis(250), Duration.ofMillis(250));
    }
  }

  /**
   * {@code file_match}.
   *
   * @param enabled whether {@code __path__} is a glob
   * @param syncPeriod how often globs are expanded
   * @param ignoreOlderThan skip files not modified for this long; zero for never
   */
  public record FileMatch(
      @Attr(value = "enabled", optional = true) boolean enabled,
      @Attr(value = "sync_period", optional = true) Duration syncPeriod,
      @Attr(value = "ignore_older_than", optional = true) Duration ignoreOlderThan) {
    /** Requires a positive period. */
    public FileMatch {
      if (syncPeriod == null || syncPeriod.isZero() || syncPeriod.isNegative()) {
        throw new IllegalArgumentException("sync_period must be greater than 0");
      }
      if (ignoreOlderThan == null || ignoreOlderThan.isNegative()) {
        ignoreOlderThan = Duration.ZERO;
      }
    }

    /** Disabled, 10 s, off. */
    public static FileMatch defaults() {
      return new FileMatch(false, Duration.ofSeconds(10), Duration.ZERO);
    }
  }

  /**
   * Debug info: one entry per reader.
   *
   * @param targets the readers
   */
  public record DebugInfo(
      @Block(value = "targets_info", optional = true) List<TargetInfo> targets) {}

  /**
   * One reader's state.
   *
   * @param path the file
   * @param labels its labels
   * @param isRunning whether the reader runs
   * @param readOffset the offset after the last delivered line (lines for compressed files)
   */
  public record TargetInfo(
      @Attr("path") String path,
      @Attr("labels") String labels,
      @Attr("is_running") boolean isRunning,
      @Attr("read_offset") long readOffset) {}

  /** One reader and its thread. */
  private record Reader(
      String path, String labelsKey, Runnable task, Thread thread, Runnable stop) {
    boolean running() {
      return switch (task) {
        case Tailer t -> t.running();
        case DecompressedReader d -> d.running();
        default -> false;
      };
    }

    long offset() {
      return switch (task) {
        case Tailer t -> t.readOffset();
        case DecompressedReader d -> d.linesDone();
        default -> 0;
      };
    }
  }

  private record ReaderKey(String path, String labels) {}

  private final Options options;
  private final Logger logger;
  private final SourceFileMetrics metrics;
  private final Positions positions;
  private final FileMatcher matcher;
  private final Object lock = new Object();
  private final Map<ReaderKey, Reader> readers = new LinkedHashMap<>(); // guarded by lock
  private volatile LogsFanout fanout;
  private final LogsReceiver receiver = entries -> fanout.receive(entries);
  private Arguments arguments; // guarded by lock
  private boolean running; // guarded by lock
  private volatile boolean skipFinalSync;
  private volatile Health health;

  LokiSourceFile(Options options, Arguments arguments) throws IOException {
    this.options = options;
    this.logger = options.logger();
    this.metrics = new SourceFileMetrics(options.registry());
    this.matcher = new FileMatcher(options.clock(), m -> logger.atWarn().log(m));
    Optional<Path> legacy =
        arguments.legacyPositionsFile().isEmpty()
            ? Optional.empty()
            : Optional.of(Path.of(arguments.legacyPositionsFile()));
    this.positions = Positions.load(options.dataPath().resolve("positions.yml"), legacy);
    positions
        .corruption()
        .ifPresent(
            why -> {
              metrics.positionsErrors.labelValues("corrupt_file").inc();
              logger
                  .atWarn()
                  .addKeyValue("err", why)
                  .addKeyValue("policy", arguments.onPositionsFileError())
                  .log("positions file unreadable; moved aside to positions.yml.corrupt");
            });
    this.fanout = new LogsFanout(arguments.forwardTo());
    this.arguments = arguments;
    this.health = Health.healthy("started component", options.clock().instant());
  }

  @Override
  public void update(Arguments newArguments) {
    synchronized (lock) {
      fanout = new LogsFanout(newArguments.forwardTo());
      boolean restart = !settings(newArguments).equals(settings(arguments));
      arguments = newArguments;
      if (running) {
        java.util.Set<ReaderKey> before = new java.util.HashSet<>(readers.keySet());
        if (restart) {
          stopAll();
        }
        reconcile();
        for (ReaderKey k : before) {
          if (!readers.containsKey(k)) { // gone from targets, not merely restarted
            positions.remove(k.path(), k.labels());
            metrics.forget(k.path());
          }
        }
      }
    }
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    synchronized (lock) {
      running = true;
      reconcile();
    }
    long lastSync = System.nanoTime();
    long lastMatch = System.nanoTime();
    try {
      while (true) {
        Duration wait = Duration.ofSeconds(SYNC_SECONDS);
        FileMatch fm;
        synchronized (lock) {
          fm = arguments.fileMatch();
        }
        if (fm.enabled() && fm.syncPeriod().compareTo(wait) < 0) {
          wait = fm.syncPeriod();
        }
        if (context.awaitCancellation(wait)) {
          return;
        }
        long now = System.nanoTime();
        if (fm.enabled() && now - lastMatch >= fm.syncPeriod().toNanos()) {
          lastMatch = now;
          synchronized (lock) {
            reconcile();
          }
        }
        if (now - lastSync >= TimeUnit.SECONDS.toNanos(SYNC_SECONDS)) {
          lastSync = now;
          sync();
        }
      }
    } catch (InterruptedException e) {
      if (!context.isCancelled()) {
        throw e;
      }
    } finally {
      // Cancellation interrupts this thread, maybe later than it wakes us: an interrupt during
      // the final write would close its file. So the shutdown runs on a thread of its own.
      Thread shutdown =
          Thread.ofVirtual()
              .name("stop " + options.id())
              .start(
                  () -> {
                    synchronized (lock) {
                      running = false;
                      stopAll();
                    }
                    if (!skipFinalSync) {
                      sync();
                    }
                  });
      joinUninterruptibly(shutdown, Duration.ofSeconds(30));
    }
  }

  /** Waits for {@code t} up to {@code timeout}, keeping but not obeying an interrupt. */
  private static boolean joinUninterruptibly(Thread t, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    while (t.isAlive() && System.nanoTime() < deadline) {
      try {
        t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }

  /** Writes the positions file now; for the run loop, shutdown and tests. */
  void sync() {
    try {
      positions.sync();
      if (health.state() != Health.State.HEALTHY) {
        health = Health.healthy("positions file written", options.clock().instant());
      }
    } catch (IOException e) {
      metrics.positionsErrors.labelValues("write").inc();
      if (health.state() == Health.State.HEALTHY) { // log once per failure streak
        logger.atError().addKeyValue("err", e.toString()).log("error writing positions file");
      }
      health =
          Health.unhealthy(
              "error writing positions file: " + e.getMessage(), options.clock().instant());
    }
  }

  @Override
  public Health currentHealth() {
    return health;
  }

  /** Makes the next stop behave like a kill: no final positions write. For tests. */
  void skipFinalSyncForTest() {
    skipFinalSync = true;
  }

  Positions positions() {
    return positions;
  }

  @Override
  public DebugInfo debugInfo() {
    List<TargetInfo> out = new ArrayList<>();
    synchronized (lock) {
      for (Reader r : readers.values()) {
        out.add(new TargetInfo(r.path(), r.labelsKey(), r.running(), r.offset()));
      }
    }
    return new DebugInfo(out);
  }

  /** The settings whose change restarts every reader. */
  private static List<Object> settings(Arguments a) {
    return List.of(
        a.encoding(), a.tailFromEnd(), a.onPositionsFileError(), a.decompression(), a.fileWatch());
  }

  /** Starts readers for new targets, stops those of targets that are gone. Hold the lock. */
  private void reconcile() {
    Map<ReaderKey, Map<String, String>> wanted = new LinkedHashMap<>();
    List<Map<String, String>> targets =
        arguments.fileMatch().enabled()
            ? matcher.expand(arguments.targets(), arguments.fileMatch().ignoreOlderThan())
            : arguments.targets();
    for (Map<String, String> t : targets) {
      String path = t.getOrDefault(FileMatcher.PATH_LABEL, "");
      if (path.isEmpty()) {
        continue;
      }
      wanted.putIfAbsent(new ReaderKey(path, publicLabels(t).toString()), t);
    }
    readers
        .entrySet()
        .removeIf(
            e -> {
              if (wanted.containsKey(e.getKey())) {
                return false;
              }
              stop(e.getValue());
              positions.remove(e.getKey().path(), e.getKey().labels());
              metrics.forget(e.getKey().path());
              return true;
            });
    for (Map.Entry<ReaderKey, Map<String, String>> w : wanted.entrySet()) {
      if (!readers.containsKey(w.getKey())) {
        readers.put(w.getKey(), start(w.getKey(), w.getValue()));
      }
    }
  }

  private Reader start(ReaderKey key, Map<String, String> target) {
    Labels entryLabels = publicLabels(target).toBuilder().set("filename", key.path()).build();
    TailerSettings s = tailerSettings(arguments);
    BatchForwarder forwarder =
        new BatchForwarder(
            entryLabels, receiver, options.clock(), s.maxBatchLines(), logger, metrics);
    Path path = Path.of(key.path());
    Runnable task;
    Optional<Decompression> dec = arguments.decompression().filter(Decompression::enabled);
    if (dec.isPresent()) {
      task =
          new DecompressedReader(
              path,
              key.labels(),
              DecompressedReader.Format.parse(dec.get().format()),
              dec.get().initialDelay(),
              forwarder,
              positions,
              s,
              metrics,
              logger);
    } else {
      task = new Tailer(path, key.labels(), forwarder, positions, s, metrics, logger);
    }
    Thread thread = Thread.ofVirtual().name("tail " + key.path()).start(task);
    Runnable stop = task instanceof Tailer t ? t::stop : () -> {};
    return new Reader(key.path(), key.labels(), task, thread, stop);
  }

  /** Stops every reader, keeping positions. Hold the lock. */
  private void stopAll() {
    readers.values().forEach(this::stop);
    readers.clear();
  }

  private void stop(Reader r) {
    r.stop().run();
    r.thread().interrupt();
    // Wait even when interrupted ourselves: a reader still running could store a position after
    // the caller removed it.
    if (!joinUninterruptibly(r.thread(), Duration.ofSeconds(5))) {
      logger.atWarn().addKeyValue("path", r.path()).log("reader did not stop within 5s");
    }
  }

  TailerSettings tailerSettings(Arguments a) {
    return new TailerSettings(
        a.encoding().isEmpty() ? Optional.empty() : Optional.of(Charset.forName(a.encoding())),
        maxLineBytes,
        a.fileWatch().minPollFrequency(),
        a.fileWatch().maxPollFrequency(),
        a.tailFromEnd(),
        TailerSettings.PositionsErrorPolicy.parse(a.onPositionsFileError()),
        maxBatchLines);
  }

  private int maxLineBytes = MAX_LINE_BYTES;
  private int maxBatchLines = MAX_BATCH_LINES;

  /** Smaller limits for tests: long lines and slow batches without huge files. */
  void limitsForTest(int lineBytes, int batchLines) {
    this.maxLineBytes = lineBytes;
    this.maxBatchLines = batchLines;
  }

  /** The target's labels without the internal {@code __*} ones. */
  static Labels publicLabels(Map<String, String> target) {
    Labels.Builder b = Labels.builder();
    target.forEach(
        (k, v) -> {
          if (!k.startsWith("__")) {
            b.set(k, v);
          }
        });
    return b.build();
  }
}
