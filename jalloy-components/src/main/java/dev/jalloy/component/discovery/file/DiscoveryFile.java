package dev.jalloy.component.discovery.file;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import dev.jalloy.component.Component;
import dev.jalloy.component.Health;
import dev.jalloy.component.HealthReporter;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.syntax.decode.Attr;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * {@code discovery.file}: exports the targets listed in Prometheus {@code file_sd} files.
 *
 * <pre>
 * discovery.file "nodes" {
 *   files = ["/etc/targets/*.json", "/etc/targets/static.yml"]
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/discovery/file/file.go}, a thin wrapper around
 * Prometheus' {@code discovery/file/file.go}: every refresh expands the patterns, reads each
 * matching file and exports one target per address, carrying the group's labels, {@code
 * __address__} and {@code __meta_filepath}. A refresh happens on any change in a watched directory
 * (the directory of each pattern) and every {@code refresh_interval} regardless. A file that cannot
 * be read or decoded is logged and keeps the targets it had, as in Prometheus; a file no longer
 * matched loses them.
 *
 * <p>Unlike Alloy, which stays healthy through broken files (its documentation: "only reported as
 * unhealthy when given an invalid configuration"), jalloy reports them in the component's health,
 * naming the file and the error, until the file is readable again or gone. Targets are exported
 * only when they change, not throttled to one update per five seconds as Alloy's discovery
 * framework does.
 */
public final class DiscoveryFile implements Component<DiscoveryFile.Arguments>, HealthReporter {
  /** How {@code discovery.file} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "discovery.file",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          DiscoveryFile::new);

  /** The label naming the file a target came from. */
  public static final String FILEPATH_LABEL = "__meta_filepath";

  static final String ADDRESS_LABEL = "__address__";

  /** Pause between a change notice and the refresh, so that one write is read once, whole. */
  static final Duration SETTLE_PERIOD = Duration.ofMillis(20);

  /** Prometheus' {@code patFileSDName}: a single wildcard element, last, and a known extension. */
  private static final Pattern VALID_PATH =
      Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");

  /**
   * The arguments.
   *
   * @param files the files to read; the last path element may be a pattern
   * @param refreshInterval how often to re-read every file regardless of change notices
   */
  public record Arguments(
      @Attr("files") List<String> files,
      @Attr(value = "refresh_interval", optional = true) Duration refreshInterval) {

    /**
     * Rejects what would crash Alloy at run time: a path Prometheus cannot read (its {@code
     * file_sd_config} check, with its message) and a non-positive interval (a Go ticker panic).
     */
    public Arguments {
      files = List.copyOf(files);
      for (String f : files) {
        if (!VALID_PATH.matcher(f).matches()) {
          throw new IllegalArgumentException(
              "path name " + FileSdDecoder.goQuote(f) + " is not valid for file discovery");
        }
      }
      if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
        throw new IllegalArgumentException("refresh_interval must be greater than 0");
      }
    }

    /** No files, {@code refresh_interval = "5m"}. */
    public static Arguments defaults() {
      return new Arguments(List.of(), Duration.ofMinutes(5));
    }

    /** These files, the rest at their defaults. */
    public static Arguments of(String... files) {
      return new Arguments(List.of(files), defaults().refreshInterval());
    }
  }

  /**
   * The exports.
   *
   * @param targets one label set per discovered target
   */
  public record Exports(@Attr("targets") List<Map<String, String>> targets) {
    /** Copies the targets. */
    public Exports {
      targets = List.copyOf(targets);
    }
  }

  private final Options options;
  private final Logger logger;
  private final Counter readErrors;

  /** Coalesces change notices: one pending refresh covers any number of them. */
  private final BlockingQueue<Boolean> refreshes = new ArrayBlockingQueue<>(1);

  /** Guards the arguments, the per-file state and the watches; a refresh sees one arguments. */
  private final Object lock = new Object();

  private Arguments arguments; // guarded by lock

  /** The groups last read from each matched file, in listing order. Guarded by lock. */
  private Map<String, List<FileSdDecoder.TargetGroup>> groups = new LinkedHashMap<>();

  private WatchService watcher; // guarded by lock; only while run() is active
  private final Map<Path, WatchKey> watched = new HashMap<>(); // guarded by lock
  private List<Map<String, String>> published; // guarded by lock
  private volatile Health health;

  DiscoveryFile(Options options, Arguments arguments) {
    this.options = options;
    this.logger = options.logger();
    this.health = Health.unknown(options.clock().instant());
    this.readErrors =
        Counter.builder()
            .name("prometheus_sd_file_read_errors_total")
            .help("The number of File-SD read errors.")
            .register(options.registry());
    update(arguments);
  }

  /** Refreshes at once with the new files, so the exports are current before dependents run. */
  @Override
  public void update(Arguments newArguments) {
    synchronized (lock) {
      arguments = newArguments;
      refresh();
    }
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    Thread events = null;
    synchronized (lock) {
      try {
        watcher = FileSystems.getDefault().newWatchService();
        WatchService w = watcher;
        events = Thread.ofVirtual().name("watch " + options.id()).start(() -> forward(w));
        watchDirectories();
      } catch (IOException e) {
        // Typically the inotify instance limit: the refresh interval still finds changes.
        logger.atError().addKeyValue("err", e.toString()).log("Error adding file watcher");
      }
    }
    // The files were read before anything watched them; read again now that changes are seen.
    requestRefresh();
    try {
      while (!context.isCancelled()) {
        Duration interval;
        synchronized (lock) {
          interval = arguments.refreshInterval();
        }
        refreshes.poll(interval.toNanos(), TimeUnit.NANOSECONDS);
        if (context.awaitCancellation(SETTLE_PERIOD)) {
          return;
        }
        refreshes.clear(); // the notices that came while settling are covered by this refresh
        synchronized (lock) {
          refresh();
        }
        runRefreshes++;
      }
    } catch (InterruptedException e) {
      if (!context.isCancelled()) {
        throw e;
      }
    } finally {
      synchronized (lock) {
        closeWatcher();
      }
      if (events != null) {
        events.interrupt();
      }
    }
  }

  /** How many refreshes run() has done; the first follows the watches, for tests. */
  int refreshesSinceRun() {
    return runRefreshes;
  }

  /** Stops watching, leaving only the refresh interval; for tests. */
  void stopWatchingForTest() {
    synchronized (lock) {
      closeWatcher();
    }
  }

  private volatile int runRefreshes; // written by the run thread only

  @Override
  public Health currentHealth() {
    return health;
  }

  private void requestRefresh() {
    refreshes.offer(Boolean.TRUE); // false when one is pending already: that one will do
  }

  /** Turns file-system events into refresh requests until the watcher is closed. */
  private void forward(WatchService w) {
    try {
      while (true) {
        WatchKey key = w.take();
        key.pollEvents(); // any change in a watched directory refreshes, as in Prometheus
        key.reset(); // an invalid key (directory gone) is re-registered by the next refresh
        requestRefresh();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  /**
   * Prometheus' {@code refresh}: reads every matched file, keeps the last groups of files that
   * fail, forgets files no longer matched, then publishes and watches. Hold the lock.
   */
  private void refresh() {
    Map<String, List<FileSdDecoder.TargetGroup>> next = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (String file : listFiles()) {
      if (next.containsKey(file)) {
        continue; // matched by two patterns; Prometheus keys groups by file, so once
      }
      try {
        next.put(file, FileSdDecoder.decode(file, Files.readAllBytes(Path.of(file))));
      } catch (IOException | FileSdDecoder.DecodeException e) {
        String error = e instanceof IOException io ? goError(io, file) : e.getMessage();
        readErrors.inc();
        if (!error.equals(lastErrors.get(file))) {
          logger
              .atError()
              .addKeyValue("path", file)
              .addKeyValue("err", error)
              .log("Error reading file");
        }
        errors.put(file, error);
        next.put(file, groups.getOrDefault(file, List.of())); // prevents deletion
      }
    }
    groups = next;
    lastErrors = errors;
    publish();
    if (errors.isEmpty()) {
      health = Health.healthy("discovered targets", options.clock().instant());
    } else {
      Map.Entry<String, String> first = errors.entrySet().iterator().next();
      String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more files)" : "";
      health =
          Health.unhealthy(
              "error reading file " + first.getKey() + ": " + first.getValue() + more,
              options.clock().instant());
    }
    watchDirectories();
  }

  /** The errors of the last refresh, by file: a broken file is logged once, not every refresh. */
  private Map<String, String> lastErrors = Map.of(); // guarded by lock

  private List<String> listFiles() {
    Set<String> out = new LinkedHashSet<>();
    for (String pattern : arguments.files()) {
      try {
        out.addAll(Glob.expand(pattern));
      } catch (Glob.BadPatternException e) {
        logger
            .atError()
            .addKeyValue("glob", pattern)
            .addKeyValue("err", e.getMessage())
            .log("Error expanding glob");
      }
    }
    return new ArrayList<>(out);
  }

  private void publish() {
    List<Map<String, String>> targets = new ArrayList<>();
    for (Map.Entry<String, List<FileSdDecoder.TargetGroup>> file : groups.entrySet()) {
      for (FileSdDecoder.TargetGroup group : file.getValue()) {
        for (String address : group.targets()) {
          // Group labels, then the file (Prometheus sets it on the group), then the target's own.
          Map<String, String> target = new TreeMap<>(group.labels());
          target.put(FILEPATH_LABEL, file.getKey());
          target.put(ADDRESS_LABEL, address);
          targets.add(Collections.unmodifiableMap(target));
        }
      }
    }
    if (targets.equals(published)) {
      return; // a refresh that found nothing new is not news
    }
    published = targets;
    options.onStateChange(new Exports(targets));
  }

  /** Prometheus' {@code watchFiles}: each pattern's directory, retried while it is missing. */
  private void watchDirectories() {
    if (watcher == null) {
      return;
    }
    Set<Path> dirs = new LinkedHashSet<>();
    for (String pattern : arguments.files()) {
      Path parent = Path.of(pattern).toAbsolutePath().getParent();
      if (parent != null) {
        dirs.add(parent);
      }
    }
    watched
        .entrySet()
        .removeIf(
            e -> {
              boolean drop = !dirs.contains(e.getKey()) || !e.getValue().isValid();
              if (drop) {
                e.getValue().cancel();
              }
              return drop;
            });
    for (Path dir : dirs) {
      if (watched.containsKey(dir)) {
        continue;
      }
      try {
        watched.put(dir, dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE));
      } catch (IOException e) {
        logger
            .atError()
            .addKeyValue("path", dir.toString())
            .addKeyValue("err", e.toString())
            .log("Error adding file watch");
      }
    }
  }

  private void closeWatcher() {
    if (watcher == null) {
      return;
    }
    try {
      watcher.close();
    } catch (IOException e) {
      logger.atError().addKeyValue("err", e.toString()).log("Error closing file watcher");
    }
    watcher = null;
    watched.clear();
  }

  /** The error as Go's {@code os.Open} words it, as Prometheus logs it. */
  private static String goError(IOException e, String path) {
    return switch (e) {
      case java.nio.file.NoSuchFileException n -> "open " + path + ": no such file or directory";
      case java.nio.file.AccessDeniedException a -> "open " + path + ": permission denied";
      default ->
          "Is a directory".equals(e.getMessage())
              ? "read " + path + ": is a directory"
              : e.toString();
    };
  }
}
