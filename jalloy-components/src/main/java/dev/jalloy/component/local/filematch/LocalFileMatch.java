package dev.jalloy.component.local.filematch;

import dev.jalloy.component.Component;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.syntax.decode.Attr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * {@code local.file_match}: exports the files that {@code __path__} globs match, refreshed every
 * {@code sync_period}.
 *
 * <pre>
 * local.file_match "logs" {
 *   path_targets = [{"__path__" = "/var/log/**&#47;*.log", "__path_exclude__" = "/var/log/x/*"}]
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/local/file_match/file.go}: the globbing is {@link
 * FileMatcher}'s; exports are published only when they change.
 */
public final class LocalFileMatch implements Component<LocalFileMatch.Arguments> {
  /** How {@code local.file_match} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "local.file_match",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          LocalFileMatch::new);

  /**
   * The arguments.
   *
   * @param pathTargets targets whose {@code __path__} is a doublestar glob
   * @param syncPeriod how often the globs are expanded again
   * @param ignoreOlderThan skip files not modified for this long; zero for never
   */
  public record Arguments(
      @Attr("path_targets") List<Map<String, String>> pathTargets,
      @Attr(value = "sync_period", optional = true) Duration syncPeriod,
      @Attr(value = "ignore_older_than", optional = true) Duration ignoreOlderThan) {
    /** Rejects a non-positive period, which would make a Go ticker panic. */
    public Arguments {
      pathTargets = List.copyOf(pathTargets);
      if (syncPeriod == null || syncPeriod.isZero() || syncPeriod.isNegative()) {
        throw new IllegalArgumentException("sync_period must be greater than 0");
      }
      if (ignoreOlderThan == null || ignoreOlderThan.isNegative()) {
        ignoreOlderThan = Duration.ZERO;
      }
    }

    /** No targets, {@code sync_period = "10s"}, {@code ignore_older_than = "0s"}. */
    public static Arguments defaults() {
      return new Arguments(List.of(), Duration.ofSeconds(10), Duration.ZERO);
    }
  }

  /**
   * The exports.
   *
   * @param targets one target per matched file, {@code __path__} absolute
   */
  public record Exports(@Attr("targets") List<Map<String, String>> targets) {
    /** Copies the targets. */
    public Exports {
      targets = List.copyOf(targets);
    }
  }

  private final Options options;
  private final Logger logger;
  private final FileMatcher matcher;
  private final Object lock = new Object();
  private Arguments arguments; // guarded by lock
  private List<Map<String, String>> published; // guarded by lock

  LocalFileMatch(Options options, Arguments arguments) {
    this.options = options;
    this.logger = options.logger();
    this.matcher =
        new FileMatcher(options.clock(), msg -> logger.atWarn().log(msg)); // logged per sync
    update(arguments);
  }

  /** Expands at once, so the exports are current before dependents evaluate. */
  @Override
  public void update(Arguments newArguments) {
    synchronized (lock) {
      arguments = newArguments;
      refresh();
    }
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    while (true) {
      Duration period;
      synchronized (lock) {
        period = arguments.syncPeriod();
      }
      if (context.awaitCancellation(period)) {
        return;
      }
      synchronized (lock) {
        refresh();
      }
    }
  }

  private void refresh() {
    List<Map<String, String>> targets =
        matcher.expand(arguments.pathTargets(), arguments.ignoreOlderThan());
    if (targets.equals(published)) {
      return;
    }
    published = targets;
    options.onStateChange(new Exports(targets));
  }
}
