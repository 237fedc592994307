package dev.jalloy.component.local.file;

import dev.jalloy.component.Component;
import dev.jalloy.component.Health;
import dev.jalloy.component.HealthReporter;
import dev.jalloy.component.LiveDebuggingSupport;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.value.Value;
import io.prometheus.metrics.core.metrics.Gauge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;

/**
 * {@code local.file}: exports the content of a file and keeps it current.
 *
 * <pre>
 * local.file "token" {
 *   filename  = "/var/run/secrets/token"
 *   is_secret = true
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/local/file/file.go}. The file is read when the
 * component is built and on every update; a file that cannot be read then fails the evaluation
 * ({@code failed to read file: open /x: no such file or directory}). While running, a detector asks
 * for re-reads; each re-read waits {@link #WAIT_READ_PERIOD} first so that a file being written is
 * not exported half-way. A failed re-read makes the component unhealthy and keeps the last content
 * exported; the next successful one makes it healthy again.
 */
public final class LocalFile
    implements Component<LocalFile.Arguments>, HealthReporter, LiveDebuggingSupport {
  /** How {@code local.file} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "local.file",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          LocalFile::new);

  /** Alloy's pause between a change notice and the read, against exporting partial writes. */
  static final Duration WAIT_READ_PERIOD = Duration.ofMillis(30);

  static final String FSNOTIFY = "fsnotify";
  static final String POLL = "poll";

  /**
   * The arguments.
   *
   * @param filename the file to expose
   * @param detector {@code fsnotify} (events, with polling as a fallback) or {@code poll}
   * @param pollFrequency how often to poll; must be positive
   * @param isSecret whether {@code content} is a secret
   */
  public record Arguments(
      @Attr("filename") String filename,
      @Attr(value = "detector", optional = true) String detector,
      @Attr(value = "poll_frequency", optional = true) Duration pollFrequency,
      @Attr(value = "is_secret", optional = true) boolean isSecret) {

    /** Normalises an empty detector to the default and rejects what Alloy rejects. */
    public Arguments {
      if (detector == null || detector.isEmpty()) {
        detector = FSNOTIFY;
      }
      if (!detector.equals(FSNOTIFY) && !detector.equals(POLL)) {
        throw new IllegalArgumentException(
            "unrecognized detector \"" + detector + "\", expected fsnotify or poll");
      }
      // Alloy checks this in Update; it fails the evaluation the same way.
      if (pollFrequency == null || pollFrequency.isNegative() || pollFrequency.isZero()) {
        throw new IllegalArgumentException("poll_frequency must be greater than 0");
      }
    }

    /** {@code detector = "fsnotify"}, {@code poll_frequency = "1m"}, {@code is_secret = false}. */
    public static Arguments defaults() {
      return new Arguments("", FSNOTIFY, Duration.ofMinutes(1), false);
    }

    /** These arguments for another file, the rest at their defaults. */
    public static Arguments of(String filename) {
      Arguments d = defaults();
      return new Arguments(filename, d.detector(), d.pollFrequency(), d.isSecret());
    }
  }

  /**
   * The exports.
   *
   * @param content the file's content; a secret when {@code is_secret} is set
   */
  public record Exports(@Attr("content") Value.OptionalSecret content) {}

  private final Options options;
  private final Logger logger;
  private final Gauge lastAccessed;

  /** Coalesces change notices: one pending re-read covers any number of notices. */
  private final BlockingQueue<Boolean> reloads = new ArrayBlockingQueue<>(1);

  /** Guards the arguments, the detector and the reads, so a read never mixes two arguments. */
  private final Object lock = new Object();

  private Arguments arguments; // guarded by lock
  private FileDetector detector; // guarded by lock; only while run() is active
  private boolean running; // guarded by lock
  private volatile Health health;

  LocalFile(Options options, Arguments arguments) throws IOException {
    this.options = options;
    this.logger = options.logger();
    this.health = Health.unknown(options.clock().instant());
    this.lastAccessed =
        Gauge.builder()
            .name("agent_local_file_timestamp_last_accessed_unix_seconds")
            .help("The last successful access in unix seconds")
            .register(options.registry());
    update(arguments);
  }

  /**
   * Reads the file at once and watches the new one.
   *
   * @throws IOException {@code failed to read file: ...} when it cannot be read; the new arguments
   *     are kept and watched all the same, so the component recovers when the file appears
   */
  @Override
  public void update(Arguments newArguments) throws IOException {
    synchronized (lock) {
      arguments = newArguments;
      IOException failure = readFile();
      // Each detector watches one path: replace it, the path or the detector may have changed.
      if (running) {
        closeDetector();
        detector = newDetector(newArguments);
      }
      if (failure != null) {
        throw new IOException(
            "failed to read file: " + goError(failure, newArguments.filename()), failure);
      }
    }
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    synchronized (lock) {
      running = true;
      detector = newDetector(arguments);
    }
    // The file was read when the component was built or updated, before anything watched it; a
    // change in between would otherwise wait for the next poll. Alloy has that gap, jalloy not.
    requestReload();
    try {
      while (!context.isCancelled()) {
        reloads.take();
        if (context.awaitCancellation(WAIT_READ_PERIOD)) {
          return;
        }
        synchronized (lock) {
          readFile(); // a failure is in the health and the log already
        }
      }
    } catch (InterruptedException e) {
      if (!context.isCancelled()) {
        throw e;
      }
    } finally {
      synchronized (lock) {
        running = false;
        closeDetector();
      }
    }
  }

  @Override
  public Health currentHealth() {
    return health;
  }

  private void requestReload() {
    reloads.offer(Boolean.TRUE); // false when one is pending already: that one will do
  }

  private FileDetector newDetector(Arguments a) {
    Path path = Path.of(a.filename());
    return a.detector().equals(POLL)
        ? new PollDetector(a.filename(), a.pollFrequency(), this::requestReload)
        : new WatchDetector(path, a.pollFrequency(), this::requestReload, logger);
  }

  private void closeDetector() {
    if (detector != null) {
      detector.close();
      detector = null;
    }
  }

  /** Reads the file and exports it; returns the failure instead of throwing. Hold the lock. */
  private IOException readFile() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Path.of(arguments.filename()));
    } catch (IOException e) {
      String error = goError(e, arguments.filename());
      // Alloy logs its data path here by mistake; the file is what the reader needs.
      logger
          .atError()
          .addKeyValue("path", arguments.filename())
          .addKeyValue("err", error)
          .log("failed to read file");
      // Health last: whoever sees "unhealthy" can already read the reason in the log.
      health = Health.unhealthy("failed to read file: " + error, options.clock().instant());
      return e;
    }
    lastAccessed.set(options.clock().millis() / 1000.0);
    String content = new String(bytes, StandardCharsets.UTF_8);
    options.onStateChange(new Exports(Value.optionalSecret(content, arguments.isSecret())));
    publishLive(arguments, content);
    health = Health.healthy("read file", options.clock().instant());
    return null;
  }

  /**
   * Shows each read on the live debugging page: the size, and the content itself unless it is a
   * secret (cut to the first lines, so a large file does not flood the page).
   */
  private void publishLive(Arguments arguments, String content) {
    if (content.equals(lastLiveContent)) {
      return; // a poll that found nothing new is not news
    }
    lastLiveContent = content;
    options
        .services()
        .liveDebugging()
        .publish(
            options.id(),
            () -> {
              String head =
                  arguments.isSecret()
                      ? "(secret)"
                      : content.lines().limit(LIVE_LINES).reduce((a, b) -> a + "\n" + b).orElse("");
              return "read "
                  + arguments.filename()
                  + " ("
                  + content.length()
                  + " characters):\n"
                  + head;
            });
  }

  private static final int LIVE_LINES = 20;

  private volatile String lastLiveContent;

  /**
   * The error as Go's {@code os.ReadFile} words it, so messages match Alloy's and its docs: {@code
   * open /x: no such file or directory}, {@code open /x: permission denied}, {@code read /x: is a
   * directory}.
   */
  static String goError(IOException e, String path) {
    return switch (e) {
      case NoSuchFileException n -> "open " + path + ": no such file or directory";
      case AccessDeniedException a -> "open " + path + ": permission denied";
      case FileSystemException f when f.getReason() != null ->
          "open " + path + ": " + f.getReason().toLowerCase(Locale.ROOT);
      // opening a directory works on Linux; reading it fails with EISDIR
      default ->
          "Is a directory".equals(e.getMessage())
              ? "read " + path + ": is a directory"
              : e.toString();
    };
  }
}
