package dev.jalloy.service.logging;

import dev.jalloy.runtime.ServiceBlock;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

/**
 * The process's log output and its live settings: what every jalloy and library logger writes
 * through.
 *
 * <p>Until the {@code logging} block is applied for the first time the format is unknown, so lines
 * are kept (at most {@value #MAX_PENDING}) and written once it is, in the chosen format and
 * filtered by the chosen level — Alloy does the same. Later applications change level and format at
 * once for every logger, including those handed out earlier.
 *
 * <p>Libraries (anything not under {@code dev.jalloy}, Jetty above all) are held at {@code warn}
 * unless the level is {@code debug}: their info lines are about their own internals and would drown
 * jalloy's.
 *
 * <p>The controller wires it with {@link #serviceBlock()}; components get their loggers from the
 * controller, which takes them from {@link ComponentLoggers}.
 */
public final class LoggingService {
  /**
   * Lines kept before the first {@code logging} block; beyond that they are counted and dropped.
   */
  static final int MAX_PENDING = 10_000;

  private static final LoggingService GLOBAL = createGlobal();

  private final Clock clock;
  private final Consumer<String> output;
  private final BasicMDCAdapter mdc = new BasicMDCAdapter();
  private final JalloyLoggerFactory loggerFactory = new JalloyLoggerFactory(this);

  /** Guards output order, the pending lines and the switch from pending to live. */
  private final Object lock = new Object();

  /** Null until the first {@link #apply}; read without the lock on every enabled-check. */
  private volatile Settings settings;

  /** The arguments with level and format parsed once, not on every line. */
  private record Settings(LoggingArguments arguments, LogLevel level, LogFormat format) {
    Settings(LoggingArguments arguments) {
      this(arguments, arguments.logLevel(), arguments.logFormat());
    }
  }

  private final ArrayDeque<LogRecord> pending = new ArrayDeque<>();
  private long droppedPending;

  /**
   * A service writing formatted lines to {@code output}, timestamped by {@code clock}.
   *
   * @param output receives each line, newline included, one call per line
   */
  LoggingService(Clock clock, Consumer<String> output) {
    this.clock = clock;
    this.output = output;
  }

  /**
   * A service of its own, for tests and tools that want the lines rather than stderr (the test
   * kit's component harness captures a component's lines with one).
   *
   * @param output receives each formatted line, newline included, one call per line
   */
  public static LoggingService create(Clock clock, Consumer<String> output) {
    return new LoggingService(clock, output);
  }

  /** The process-wide instance, writing to stderr. */
  public static LoggingService global() {
    return GLOBAL;
  }

  private static LoggingService createGlobal() {
    LoggingService service = new LoggingService(Clock.systemUTC(), LoggingService::writeStderr);
    // A process that exits before any configuration was applied (a failed initial load, fmt,
    // validate) must still show what it logged, so write the pending lines with the defaults.
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("jalloy-log-flush")
                .unstarted(service::applyDefaultsIfUnconfigured));
    return service;
  }

  private static void writeStderr(String line) {
    // Read System.err on each write so that a redirected stderr is honoured; bytes, not chars, so
    // the line is UTF-8 whatever the platform encoding is.
    PrintStream err = System.err;
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    err.write(bytes, 0, bytes.length);
    err.flush();
  }

  /**
   * The {@code logging} block as the controller wants it: decoded into {@link LoggingArguments},
   * {@link LoggingArguments#defaults()} when the block is absent, applied by {@link #apply}.
   */
  public ServiceBlock<LoggingArguments> serviceBlock() {
    return new ServiceBlock<>(
        "logging", LoggingArguments.class, LoggingArguments.defaults(), this::apply);
  }

  /**
   * Applies new settings to every logger at once. The first call also writes the lines logged so
   * far.
   *
   * @throws IllegalArgumentException when the settings cannot be used here ({@code
   *     windows_event_log} off Windows); the previous settings stay
   */
  public void apply(LoggingArguments arguments) {
    if (arguments.destination().equals(LoggingArguments.WINDOWS_EVENT_LOG)) {
      // Alloy's words when the event log cannot be opened; jalloy never runs as a Windows service.
      throw new IllegalArgumentException(
          "failed to open Windows Event Log: windows event log not supported on this platform");
    }
    synchronized (lock) {
      boolean first = settings == null;
      Settings s = new Settings(arguments);
      settings = s;
      if (first) {
        replayPending(s);
      }
    }
  }

  /** Writes what was logged so far with the default settings, unless settings were applied. */
  public void applyDefaultsIfUnconfigured() {
    synchronized (lock) {
      if (settings == null) {
        apply(LoggingArguments.defaults());
      }
    }
  }

  /** The settings in force; empty before the first {@link #apply}. */
  public Optional<LoggingArguments> current() {
    Settings s = settings;
    return s == null ? Optional.empty() : Optional.of(s.arguments());
  }

  /** A logger named {@code name}; a library logger unless the name starts with dev.jalloy. */
  public Logger logger(String name) {
    return loggerFactory.getLogger(name);
  }

  /**
   * A jalloy logger whose lines carry {@code keyValues} right after {@code msg}, e.g. {@code
   * "component_path", "/", "component_id", "local.file.a"}.
   */
  public Logger logger(String name, String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected, got " + keyValues.length);
    }
    List<LogRecord.Field> context = new ArrayList<>(keyValues.length / 2);
    for (int i = 0; i < keyValues.length; i += 2) {
      context.add(new LogRecord.Field(keyValues[i], keyValues[i + 1]));
    }
    return new JalloyLogger(this, name, List.copyOf(context), false);
  }

  /**
   * A component's logger: lines carry {@code component_path} and {@code component_id} after {@code
   * msg}. {@link ComponentLoggers} hands out these for the global service.
   */
  public Logger forComponent(String componentPath, String componentId) {
    return logger(
        "dev.jalloy.component." + componentId,
        "component_path",
        componentPath,
        "component_id",
        componentId);
  }

  JalloyLoggerFactory loggerFactory() {
    return loggerFactory;
  }

  MDCAdapter mdc() {
    return mdc;
  }

  Clock clock() {
    return clock;
  }

  /** MDC entries of the calling thread, sorted by key so lines are reproducible. */
  Map<String, String> mdcEntries() {
    Map<String, String> map = mdc.getCopyOfContextMap();
    return map == null || map.isEmpty() ? Map.of() : new TreeMap<>(map);
  }

  /**
   * Whether a line at {@code level} would be written now. Before the first {@link #apply} jalloy's
   * own lines are all kept (the final level is unknown) but libraries' only from warn up, so that a
   * chatty library cannot fill the pending buffer.
   */
  boolean enabled(LogLevel level, boolean thirdParty) {
    return level.atLeast(minimum(settings, thirdParty));
  }

  private static LogLevel minimum(Settings s, boolean thirdParty) {
    LogLevel configured = s == null ? LogLevel.DEBUG : s.level();
    boolean verbose = s != null && configured == LogLevel.DEBUG;
    if (thirdParty && !verbose && !configured.atLeast(LogLevel.WARN)) {
      return LogLevel.WARN;
    }
    return configured;
  }

  /** Writes the record, or keeps it when no settings were applied yet. */
  void log(LogRecord record) {
    Settings s = settings;
    if (s == null) {
      synchronized (lock) {
        s = settings;
        if (s == null) {
          keep(record);
          return;
        }
      }
    }
    write(s, record);
  }

  private void keep(LogRecord record) {
    if (pending.size() >= MAX_PENDING) {
      droppedPending++; // counted and reported when the settings arrive
      return;
    }
    pending.add(record);
  }

  private void replayPending(Settings s) {
    for (LogRecord r : pending) {
      if (r.level().atLeast(minimum(s, r.thirdParty()))) {
        write(s, r);
      }
    }
    pending.clear();
    if (droppedPending > 0) {
      write(
          s,
          new LogRecord(
              clock.instant(),
              LogLevel.WARN,
              "dropped log lines written before the logging block was applied",
              List.of(new LogRecord.Field("count", droppedPending)),
              false));
      droppedPending = 0;
    }
  }

  private void write(Settings s, LogRecord record) {
    String line =
        s.format() == LogFormat.JSON ? LineEncoder.json(record) : LineEncoder.logfmt(record);
    // write_to receivers get these lines too once the log pipeline exists (see LoggingArguments).
    synchronized (lock) {
      output.accept(line);
    }
  }
}
