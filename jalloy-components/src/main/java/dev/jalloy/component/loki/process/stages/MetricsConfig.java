package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.EnumBlock;
import dev.jalloy.syntax.decode.Validated;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code stage.metrics}: counters, gauges and histograms fed from extracted values, labelled with
 * the entry's labels, exposed through the component's registry. Follows Alloy's {@code
 * stages/metrics.go} and {@code stages/metric/*.go}.
 *
 * @param metrics the {@code metric.counter}, {@code metric.gauge} and {@code metric.histogram}
 *     blocks in file order
 */
@BlockName("metrics")
public record MetricsConfig(@EnumBlock("metric") List<Metric> metrics)
    implements StageConfig, Validated {

  /** Alloy's default name prefix. */
  public static final String DEFAULT_PREFIX = "loki_process_custom_";

  /** Alloy's default {@code max_idle_duration}. */
  public static final Duration DEFAULT_MAX_IDLE = Duration.ofMinutes(5);

  /** Canonical constructor: a null list reads as none. */
  public MetricsConfig {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /** One {@code metric.*} block. */
  public sealed interface Metric permits Counter, Gauge, Histogram {
    /** The name without prefix. */
    String name();

    /** The HELP text. */
    String description();

    /** The extracted key; empty means {@link #name()}. */
    String source();

    /** The name prefix. */
    String prefix();

    /** Series idle this long are removed. */
    Duration maxIdleDuration();

    /** Only act when the source value equals this. */
    Optional<String> value();

    /** The action ({@code inc}, {@code add}, ...; histograms observe). */
    String action();
  }

  /**
   * {@code metric.counter}.
   *
   * @param name metric name without prefix
   * @param description HELP text
   * @param source extracted key (defaults to name)
   * @param prefix name prefix
   * @param maxIdleDuration series idle this long are removed
   * @param value only count when the source value equals it
   * @param action {@code inc} or {@code add}
   * @param matchAll count every entry
   * @param countEntryBytes add the line's length in bytes
   */
  @BlockName("counter")
  public record Counter(
      @Attr("name") String name,
      @Attr(value = "description", optional = true) String description,
      @Attr(value = "source", optional = true) String source,
      @Attr(value = "prefix", optional = true) String prefix,
      @Attr(value = "max_idle_duration", optional = true) Duration maxIdleDuration,
      @Attr(value = "value", optional = true) Optional<String> value,
      @Attr("action") String action,
      @Attr(value = "match_all", optional = true) boolean matchAll,
      @Attr(value = "count_entry_bytes", optional = true) boolean countEntryBytes)
      implements Metric {
    /** Alloy's defaults. */
    public static Counter defaults() {
      return new Counter(
          "", "", "", DEFAULT_PREFIX, DEFAULT_MAX_IDLE, Optional.empty(), "", false, false);
    }
  }

  /**
   * {@code metric.gauge}.
   *
   * @param name metric name without prefix
   * @param description HELP text
   * @param source extracted key (defaults to name)
   * @param prefix name prefix
   * @param maxIdleDuration series idle this long are removed
   * @param value only act when the source value equals it
   * @param action {@code set}, {@code inc}, {@code dec}, {@code add} or {@code sub}
   */
  @BlockName("gauge")
  public record Gauge(
      @Attr("name") String name,
      @Attr(value = "description", optional = true) String description,
      @Attr(value = "source", optional = true) String source,
      @Attr(value = "prefix", optional = true) String prefix,
      @Attr(value = "max_idle_duration", optional = true) Duration maxIdleDuration,
      @Attr(value = "value", optional = true) Optional<String> value,
      @Attr("action") String action)
      implements Metric {
    /** Alloy's defaults. */
    public static Gauge defaults() {
      return new Gauge("", "", "", DEFAULT_PREFIX, DEFAULT_MAX_IDLE, Optional.empty(), "");
    }
  }

  /**
   * {@code metric.histogram}.
   *
   * @param name metric name without prefix
   * @param description HELP text
   * @param source extracted key (defaults to name)
   * @param prefix name prefix
   * @param maxIdleDuration series idle this long are removed
   * @param value only observe when the source value equals it
   * @param buckets upper bounds
   */
  @BlockName("histogram")
  public record Histogram(
      @Attr("name") String name,
      @Attr(value = "description", optional = true) String description,
      @Attr(value = "source", optional = true) String source,
      @Attr(value = "prefix", optional = true) String prefix,
      @Attr(value = "max_idle_duration", optional = true) Duration maxIdleDuration,
      @Attr(value = "value", optional = true) Optional<String> value,
      @Attr("buckets") List<Double> buckets)
      implements Metric {
    /** Alloy's defaults. */
    public static Histogram defaults() {
      return new Histogram(
          "", "", "", DEFAULT_PREFIX, DEFAULT_MAX_IDLE, Optional.empty(), List.of());
    }

    @Override
    public String action() {
      return "observe";
    }
  }

  @Override
  public void validate() {
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("empty metric stage configuration");
    }
    for (Metric m : metrics) {
      check(m);
    }
  }

  private static void check(Metric m) {
    String full = m.prefix() + m.name();
    if (!full.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("invalid metric name: " + full);
    }
    if (!m.maxIdleDuration().isZero() && m.maxIdleDuration().compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("max_idle_duration less than 1s not allowed");
    }
    switch (m) {
      case Counter c -> {
        if (c.action().isEmpty()) {
          throw new IllegalArgumentException(
              "counter action must be defined as either `inc` or `add`");
        }
        String action = c.action().toLowerCase(java.util.Locale.ROOT);
        if (!action.equals("inc") && !action.equals("add")) {
          throw new IllegalArgumentException(
              "action " + action + " is not valid, action must be either `inc` or `add`");
        }
        if (c.matchAll() && c.value().isPresent()) {
          throw new IllegalArgumentException(
              "`match_all: true` cannot be combined with `value`, please remove `match_all` or"
                  + " `value`");
        }
        if (c.countEntryBytes() && !c.matchAll()) {
          throw new IllegalArgumentException(
              "`count_entry_bytes: true` can only be set with `match_all: true`");
        }
        if (c.countEntryBytes() && !action.equals("add")) {
          throw new IllegalArgumentException(
              "`count_entry_bytes: true` can only be used with `action: add`");
        }
      }
      case Gauge g -> {
        if (g.action().isEmpty()) {
          throw new IllegalArgumentException(
              "gauge action must be defined as `set`, `inc`, `dec`, `add`, or `sub`");
        }
        String action = g.action().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("set", "inc", "dec", "add", "sub").contains(action)) {
          throw new IllegalArgumentException(
              "action "
                  + action
                  + " is not valid, action must be `set`, `inc`, `dec`, `add`, or `sub`");
        }
      }
      case Histogram h -> {
        if (h.buckets().isEmpty()) {
          throw new IllegalArgumentException("histogram buckets are required");
        }
      }
    }
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    return new MetricsStage(this, context);
  }
}
