package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.go.GoDuration;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code stage.metrics}: each metric reads its source from the extracted map (counters with {@code
 * match_all} count every entry) and updates the series of the entry's label set. Series not updated
 * for {@code max_idle_duration} are dropped when scraped. A metric already registered in the same
 * registry by another {@code stage.metrics} (two {@code stage.match} branches counting into one
 * metric) is shared, as Alloy does with {@code AlreadyRegisteredError}.
 *
 * <p>Counter names lose a {@code _total} suffix here because the Prometheus Java model adds it back
 * when exposing.
 */
final class MetricsStage implements Stage {
  private final List<Binding> bindings = new ArrayList<>();

  /** Families per registry, so stages of one pipeline share a metric of the same name. */
  private static final Map<PrometheusRegistry, Map<String, Family>> SHARED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private record Binding(
      MetricsConfig.Metric config, String source, String action, Family family) {}

  MetricsStage(MetricsConfig config, StageContext context) {
    for (MetricsConfig.Metric m : config.metrics()) {
      String source = m.source().isEmpty() ? m.name() : m.source();
      String action = m.action().toLowerCase(Locale.ROOT);
      bindings.add(new Binding(m, source, action, family(m, context)));
    }
  }

  private static Family family(MetricsConfig.Metric m, StageContext context) {
    String name = m.prefix() + m.name();
    Family fresh = new Family(m, name, context.clock());
    Map<String, Family> known =
        SHARED.computeIfAbsent(context.registry(), r -> new ConcurrentHashMap<>());
    try {
      context.registry().register(fresh);
      known.put(fresh.prometheusName, fresh);
      return fresh;
    } catch (IllegalArgumentException e) {
      Family existing = known.get(fresh.prometheusName);
      if (existing != null && existing.kind.equals(fresh.kind)) {
        return existing;
      }
      throw new IllegalArgumentException(
          "metric " + name + " is already registered with a different type or help", e);
    }
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    for (Binding b : bindings) {
      if (b.config() instanceof MetricsConfig.Counter c && c.matchAll()) {
        double delta = c.countEntryBytes() ? entry.line.getBytes(StandardCharsets.UTF_8).length : 1;
        b.family().series(entry.labels).add(delta);
        continue;
      }
      if (!entry.extracted.containsKey(b.source())) {
        continue;
      }
      Object v = entry.extracted.get(b.source());
      Optional<String> expected = b.config().value();
      if (expected.isPresent()) {
        Optional<String> s = ExtractedValues.asString(v);
        if (s.isEmpty() || !s.get().equals(expected.get())) {
          continue;
        }
      }
      Series series;
      switch (b.action()) {
        case "inc" -> b.family().series(entry.labels).add(1);
        case "dec" -> b.family().series(entry.labels).add(-1);
        case "add", "sub", "set", "observe" -> {
          OptionalDouble f = toFloat(v);
          if (f.isEmpty()) {
            continue;
          }
          double d = f.getAsDouble();
          series = b.family().series(entry.labels);
          switch (b.action()) {
            case "add" -> {
              if (b.config() instanceof MetricsConfig.Counter && d < 0) {
                continue;
              }
              series.add(d);
            }
            case "sub" -> series.add(-d);
            case "set" -> series.set(d);
            default -> series.observe(d);
          }
        }
        default -> {}
      }
    }
    next.emit(entry);
  }

  /** Alloy's {@code getFloat}: numbers, numeric strings, Go durations (as seconds), bools. */
  static OptionalDouble toFloat(Object v) {
    return switch (v) {
      case Number n -> OptionalDouble.of(n.doubleValue());
      case Boolean b -> OptionalDouble.of(b ? 1 : 0);
      case String s -> {
        try {
          if (s.isEmpty()
              || s.endsWith("d")
              || s.endsWith("D")
              || s.endsWith("f")
              || s.endsWith("F")) {
            throw new NumberFormatException(s);
          }
          yield OptionalDouble.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
          try {
            yield OptionalDouble.of(GoDuration.parseNanos(s) / 1e9);
          } catch (IllegalArgumentException e2) {
            yield OptionalDouble.empty();
          }
        }
      }
      case null, default -> OptionalDouble.empty();
    };
  }

  /** One series: a value (counter, gauge) or bucket counts and sum (histogram). */
  static final class Series {
    private final double[] bounds;
    private final long[] counts;
    private double value;
    private double sum;
    private long count;
    volatile long lastNanos;

    Series(double[] bounds) {
      this.bounds = bounds;
      this.counts = bounds == null ? null : new long[bounds.length + 1];
    }

    synchronized void add(double d) {
      value += d;
    }

    synchronized void set(double d) {
      value = d;
    }

    synchronized void observe(double d) {
      int i = 0;
      while (i < bounds.length && d > bounds[i]) {
        i++;
      }
      counts[i]++;
      sum += d;
      count++;
    }

    synchronized double value() {
      return value;
    }
  }

  /** The collector of one metric name: its series by label set. */
  static final class Family implements Collector {
    final String kind;
    final String prometheusName;
    private final String help;
    private final double[] bounds;
    private final long maxIdleNanos;
    private final Clock clock;
    private final Map<Map<String, String>, Series> series = new ConcurrentHashMap<>();

    Family(MetricsConfig.Metric m, String name, Clock clock) {
      this.kind = m.getClass().getSimpleName();
      this.prometheusName =
          m instanceof MetricsConfig.Counter && name.endsWith("_total")
              ? name.substring(0, name.length() - "_total".length())
              : name;
      this.help = m.description();
      this.bounds =
          m instanceof MetricsConfig.Histogram h
              ? h.buckets().stream().mapToDouble(Double::doubleValue).sorted().toArray()
              : null;
      Duration idle =
          m.maxIdleDuration().isZero() ? MetricsConfig.DEFAULT_MAX_IDLE : m.maxIdleDuration();
      this.maxIdleNanos = idle.toNanos();
      this.clock = clock;
    }

    Series series(Map<String, String> labels) {
      Series s = series.get(labels);
      if (s == null) {
        s = series.computeIfAbsent(new TreeMap<>(labels), k -> new Series(bounds));
      }
      s.lastNanos = nowNanos();
      return s;
    }

    private long nowNanos() {
      var t = clock.instant();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    public String getPrometheusName() {
      return prometheusName;
    }

    @Override
    public MetricSnapshot collect() {
      long now = nowNanos();
      series.values().removeIf(s -> now - s.lastNanos > maxIdleNanos);
      switch (kind) {
        case "Counter" -> {
          var b = CounterSnapshot.builder().name(prometheusName).help(help);
          series.forEach(
              (l, s) ->
                  b.dataPoint(
                      CounterSnapshot.CounterDataPointSnapshot.builder()
                          .labels(labels(l))
                          .value(s.value())
                          .build()));
          return b.build();
        }
        case "Gauge" -> {
          var b = GaugeSnapshot.builder().name(prometheusName).help(help);
          series.forEach(
              (l, s) ->
                  b.dataPoint(
                      GaugeSnapshot.GaugeDataPointSnapshot.builder()
                          .labels(labels(l))
                          .value(s.value())
                          .build()));
          return b.build();
        }
        default -> {
          var b = HistogramSnapshot.builder().name(prometheusName).help(help);
          series.forEach(
              (l, s) -> {
                double[] upper = new double[bounds.length + 1];
                long[] counts;
                double sum;
                synchronized (s) {
                  counts = s.counts.clone();
                  sum = s.sum;
                }
                System.arraycopy(bounds, 0, upper, 0, bounds.length);
                upper[bounds.length] = Double.POSITIVE_INFINITY;
                b.dataPoint(
                    HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .labels(labels(l))
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, counts))
                        .sum(sum)
                        .build());
              });
          return b.build();
        }
      }
    }

    private static Labels labels(Map<String, String> l) {
      var b = Labels.builder();
      l.forEach(b::label);
      return b.build();
    }
  }
}
