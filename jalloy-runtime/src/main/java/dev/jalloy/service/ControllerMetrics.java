package dev.jalloy.service;

import dev.jalloy.component.Health;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The controller's own metrics, named and labelled as Alloy's controller and {@code alloy run}
 * expose them ({@code internal/runtime/internal/controller/metrics.go}, {@code
 * internal/runtime/alloy.go}), so existing dashboards and alerts keep working:
 *
 * <ul>
 *   <li>{@code alloy_component_controller_evaluating} — 1 while a graph evaluation runs;
 *   <li>{@code alloy_component_evaluation_seconds} — histogram of component evaluation times;
 *   <li>{@code alloy_component_dependencies_wait_seconds} — histogram of the wait between a
 *       dependency's update and the dependant's evaluation;
 *   <li>{@code alloy_component_evaluation_queue_size} — components waiting for evaluation;
 *   <li>{@code alloy_component_evaluation_slow_seconds_total{component_id}} — seconds spent in
 *       evaluations that took a minute or more (Alloy's name has no {@code _total}: Prometheus
 *       client_java always adds it to counters);
 *   <li>{@code alloy_component_controller_running_components{health_type}} — components by health,
 *       read from the supplier at scrape time, one series per state present;
 *   <li>{@code alloy_config_last_load_successful}, {@code alloy_config_load_failures_total}, {@code
 *       alloy_config_last_load_success_timestamp_seconds}, {@code alloy_config_hash{sha256}}.
 * </ul>
 *
 * All carry {@code controller_path="/"} and {@code controller_id=""}, except the {@code
 * alloy_config_*} ones, as upstream. Safe to call from any thread.
 */
public final class ControllerMetrics {
  /** 5ms … 10m: evaluations become a problem in the 30s+ range, so the upper buckets are dense. */
  private static final double[] EVALUATION_BUCKETS = {
    .005, .025, .1, .5, 1, 5, 10, 30, 60, 120, 300, 600
  };

  private static final Duration SLOW_EVALUATION = Duration.ofMinutes(1);

  private final Gauge evaluating;
  private final Histogram evaluationSeconds;
  private final Histogram dependenciesWaitSeconds;
  private final Gauge queueSize;
  private final Counter slowEvaluationSeconds;
  private final Gauge lastLoadSuccessful;
  private final Counter loadFailures;
  private final Gauge lastLoadSuccessTimestamp;
  private final Gauge configHash;
  private final Clock clock;

  private ControllerMetrics(
      PrometheusRegistry registry,
      Supplier<? extends Collection<Health.State>> componentStates,
      Clock clock) {
    this.clock = clock;
    Labels controller = Labels.of("controller_id", "", "controller_path", "/");
    evaluating =
        Gauge.builder()
            .name("alloy_component_controller_evaluating")
            .help("Tracks if the controller is currently in the middle of a graph evaluation")
            .constLabels(controller)
            .register(registry);
    evaluationSeconds =
        Histogram.builder()
            .name("alloy_component_evaluation_seconds")
            .help("Time spent performing component evaluation")
            .constLabels(controller)
            .classicOnly()
            .classicUpperBounds(EVALUATION_BUCKETS)
            .register(registry);
    dependenciesWaitSeconds =
        Histogram.builder()
            .name("alloy_component_dependencies_wait_seconds")
            .help(
                "Time spent by components waiting to be evaluated after their dependency is"
                    + " updated.")
            .constLabels(controller)
            .classicOnly()
            .classicUpperBounds(EVALUATION_BUCKETS)
            .register(registry);
    queueSize =
        Gauge.builder()
            .name("alloy_component_evaluation_queue_size")
            .help("Tracks the number of components waiting to be evaluated in the worker pool")
            .constLabels(controller)
            .register(registry);
    slowEvaluationSeconds =
        Counter.builder()
            .name("alloy_component_evaluation_slow_seconds")
            .help(
                "Number of seconds spent evaluating components that take longer than 1m0s to"
                    + " evaluate")
            .constLabels(controller)
            .labelNames("component_id")
            .register(registry);
    GaugeWithCallback.builder()
        .name("alloy_component_controller_running_components")
        .help("Total number of running components.")
        .constLabels(controller)
        .labelNames("health_type")
        .callback(
            cb -> {
              Map<Health.State, Integer> counts = new EnumMap<>(Health.State.class);
              for (Health.State s : componentStates.get()) {
                counts.merge(s, 1, Integer::sum);
              }
              counts.forEach((state, n) -> cb.call(n, state.text()));
            })
        .register(registry);
    lastLoadSuccessful =
        Gauge.builder()
            .name("alloy_config_last_load_successful")
            .help("Config loaded successfully.")
            .register(registry);
    loadFailures =
        Counter.builder()
            .name("alloy_config_load_failures_total")
            .help("Configuration load failures.")
            .register(registry);
    lastLoadSuccessTimestamp =
        Gauge.builder()
            .name("alloy_config_last_load_success_timestamp_seconds")
            .help("Timestamp of the last successful configuration load.")
            .register(registry);
    configHash =
        Gauge.builder()
            .name("alloy_config_hash")
            .help("Hash of the currently active config file.")
            .labelNames("cluster_name", "sha256")
            .register(registry);
    loadFailures.inc(0); // present from the start, as upstream's counter is
  }

  /**
   * Registers the controller metrics.
   *
   * @param registry the controller's registry (the one passed to {@link
   *     HttpService.Builder#controllerRegistry})
   * @param componentStates the health state of every component of the root module, read at each
   *     scrape so health reported by components between evaluations shows up
   */
  public static ControllerMetrics register(
      PrometheusRegistry registry, Supplier<? extends Collection<Health.State>> componentStates) {
    return new ControllerMetrics(registry, componentStates, Clock.systemUTC());
  }

  static ControllerMetrics register(
      PrometheusRegistry registry,
      Supplier<? extends Collection<Health.State>> componentStates,
      Clock clock) {
    return new ControllerMetrics(registry, componentStates, clock);
  }

  /** Marks the start ({@code true}) or end ({@code false}) of a graph evaluation. */
  public void setEvaluating(boolean evaluating) {
    this.evaluating.set(evaluating ? 1 : 0);
  }

  /** Records one component evaluation; evaluations of a minute or more also count as slow. */
  public void observeEvaluation(String componentId, Duration duration) {
    double seconds = seconds(duration);
    evaluationSeconds.observe(seconds);
    if (duration.compareTo(SLOW_EVALUATION) >= 0) {
      slowEvaluationSeconds.labelValues(componentId).inc(seconds);
    }
  }

  /** Records how long a component waited between a dependency's update and its evaluation. */
  public void observeDependenciesWait(Duration wait) {
    dependenciesWaitSeconds.observe(seconds(wait));
  }

  /** Sets the number of components waiting for evaluation. */
  public void setEvaluationQueueSize(int size) {
    queueSize.set(size);
  }

  /**
   * Records the outcome of a load or reload.
   *
   * @param successful whether it succeeded
   * @param sha256 hex SHA-256 of the configuration source that is now active; used only when
   *     successful
   */
  public void recordLoad(boolean successful, String sha256) {
    if (successful) {
      lastLoadSuccessful.set(1);
      lastLoadSuccessTimestamp.set(clock.millis() / 1000.0);
      configHash.clear();
      configHash.labelValues("", sha256.toLowerCase(Locale.ROOT)).set(1);
    } else {
      lastLoadSuccessful.set(0);
      loadFailures.inc();
    }
  }

  /**
   * Registers {@code alloy_build_info}, the constant 1 labelled with the build, as Prometheus'
   * {@code version.NewCollector("alloy")} does. The {@code go*} label names are kept so dashboards
   * that group by them still work; {@code goversion} holds the Java runtime version.
   */
  public static void registerBuildInfo(PrometheusRegistry registry, String version) {
    Info info =
        Info.builder()
            .name("alloy_build_info")
            .help(
                "A metric with a constant '1' value labeled by version, revision, branch,"
                    + " goversion from which alloy was built, and the goos and goarch for the"
                    + " build.")
            .labelNames("branch", "goarch", "goos", "goversion", "revision", "tags", "version")
            .register(registry);
    info.setLabelValues(
        "",
        goArch(System.getProperty("os.arch", "")),
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT),
        "java" + Runtime.version(),
        "",
        "",
        version);
  }

  /** Go's names for the architectures a JVM reports differently. */
  private static String goArch(String osArch) {
    return switch (osArch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> osArch;
    };
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
