package dev.jalloy.component.prometheus.relabel;

import dev.jalloy.component.Component;
import dev.jalloy.component.LiveDebuggingSupport;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Fanout;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import dev.jalloy.model.MetricsReceiver;
import dev.jalloy.model.Samples;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code prometheus.relabel}: relabels the series of every sample appended to its {@code receiver}
 * and forwards the survivors to {@code forward_to}.
 *
 * <pre>
 * prometheus.relabel "drop_debug" {
 *   forward_to = [prometheus.remote_write.default.receiver]
 *   rule {
 *     source_labels = ["__name__"]
 *     regex         = "debug_.*"
 *     action        = "drop"
 *   }
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/prometheus/relabel/relabel.go}. Results are cached
 * per input series in an LRU of {@code max_cache_size} entries, dropped series included; an update
 * starts a fresh cache, since the old results were computed with the old rules. A staleness marker
 * is relabeled like any sample (so it reaches the same output series) and then evicts its series
 * from the cache, as the series has ended.
 *
 * <p>Rules, cache and {@code forward_to} live in one immutable {@link State} swapped on update; a
 * transaction uses the state it started with, so it never mixes two rule sets.
 */
public final class PrometheusRelabel
    implements Component<PrometheusRelabel.Arguments>, LiveDebuggingSupport {
  /** How {@code prometheus.relabel} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "prometheus.relabel",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          PrometheusRelabel::new);

  /** Alloy's default {@code max_cache_size}. */
  public static final int DEFAULT_MAX_CACHE_SIZE = 100_000;

  /**
   * The arguments.
   *
   * @param forwardTo where relabeled samples go
   * @param rules the relabel rules, applied in order
   * @param maxCacheSize how many input series' results to remember
   */
  public record Arguments(
      @Attr("forward_to") List<MetricsReceiver> forwardTo,
      @Block(value = "rule", optional = true) List<Rule> rules,
      @Attr(value = "max_cache_size", optional = true) int maxCacheSize)
      implements Validated {

    public Arguments {
      forwardTo = List.copyOf(forwardTo);
      rules = List.copyOf(rules);
    }

    /** No receivers, no rules, a cache of {@value #DEFAULT_MAX_CACHE_SIZE} series. */
    public static Arguments defaults() {
      return new Arguments(List.of(), List.of(), DEFAULT_MAX_CACHE_SIZE);
    }

    @Override
    public void validate() {
      if (maxCacheSize <= 0) {
        throw new IllegalArgumentException(
            "max_cache_size must be greater than 0 and is " + maxCacheSize);
      }
      rules.forEach(Rule::validate);
    }
  }

  /**
   * The exports.
   *
   * @param receiver where to send samples to relabel; the same instance for the component's life
   * @param rules the rules, for components that accept {@code RelabelRules}
   */
  public record Exports(
      @Attr("receiver") MetricsReceiver receiver, @Attr("rules") RelabelRules rules) {}

  /** What one transaction works with. */
  private record State(List<Rule> rules, Fanout fanout, Cache cache) {}

  private final Options options;
  private final Receiver receiver = new Receiver();
  // Relabelers keep per-call scratch state; a pool gives each concurrent appender its own.
  private final ConcurrentLinkedQueue<Relabeler> relabelers = new ConcurrentLinkedQueue<>();
  private final Counter metricsProcessed;
  private final Counter metricsWritten;
  private final Counter cacheHits;
  private final Counter cacheMisses;
  private final Counter cacheDeletes;
  private final Gauge cacheSize;
  private volatile State state;
  private volatile boolean exited;

  PrometheusRelabel(Options options, Arguments arguments) {
    this.options = options;
    var registry = options.registry();
    // Alloy's names; Go counters carry no _total, the exposition adds it here.
    this.metricsProcessed =
        Counter.builder()
            .name("alloy_prometheus_relabel_metrics_processed")
            .help("Total number of metrics processed")
            .register(registry);
    this.metricsWritten =
        Counter.builder()
            .name("alloy_prometheus_relabel_metrics_written")
            .help("Total number of metrics written")
            .register(registry);
    this.cacheMisses =
        Counter.builder()
            .name("alloy_prometheus_relabel_cache_misses")
            .help("Total number of cache misses")
            .register(registry);
    this.cacheHits =
        Counter.builder()
            .name("alloy_prometheus_relabel_cache_hits")
            .help("Total number of cache hits")
            .register(registry);
    this.cacheSize =
        Gauge.builder()
            .name("alloy_prometheus_relabel_cache_size")
            .help("Total size of relabel cache")
            .register(registry);
    this.cacheDeletes =
        Counter.builder()
            .name("alloy_prometheus_relabel_cache_deletes")
            .help("Total number of cache deletes")
            .register(registry);
    update(arguments);
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    try {
      context.awaitCancellation();
    } finally {
      exited = true;
    }
  }

  /** Swaps rules, cache and receivers at once and re-exports the rules. */
  @Override
  public void update(Arguments arguments) {
    arguments.validate();
    state =
        new State(
            arguments.rules(),
            new Fanout(arguments.forwardTo()),
            new Cache(arguments.maxCacheSize()));
    cacheSize.set(0);
    options.onStateChange(new Exports(receiver, new RelabelRules(arguments.rules())));
  }

  /** The relabeled series, or empty when the rules drop it. */
  private Optional<Labels> relabel(State s, Labels in, boolean stale) {
    Optional<Labels> out = s.cache.get(in);
    if (out != null) {
      cacheHits.inc();
    } else {
      cacheMisses.inc();
      Relabeler relabeler = relabelers.poll();
      if (relabeler == null) {
        relabeler = new Relabeler();
      }
      try {
        out = relabeler.process(in, s.rules).filter(l -> !l.isEmpty());
      } finally {
        relabelers.offer(relabeler);
      }
      s.cache.put(in, out);
    }
    if (stale && s.cache.remove(in)) {
      cacheDeletes.inc();
    }
    cacheSize.set(s.cache.size());
    return out;
  }

  private final class Receiver implements MetricsReceiver {
    @Override
    public Appender appender() {
      if (exited) {
        throw new IllegalStateException(options.id() + " has exited");
      }
      State s = state;
      Appender next = s.fanout.appender();
      return new Appender() {
        @Override
        public long append(long ref, Labels labels, long timestampMs, double value) {
          metricsProcessed.inc();
          Optional<Labels> out = relabel(s, labels, Samples.isStale(value));
          if (out.isPresent()) {
            metricsWritten.inc();
            next.append(0, out.get(), timestampMs, value);
          }
          publishLive(labels, out, timestampMs, value);
          return 0;
        }

        @Override
        public void appendExemplar(long ref, Labels series, Exemplar exemplar) {
          relabel(s, series, false).ifPresent(l -> next.appendExemplar(0, l, exemplar));
        }

        @Override
        public void updateMetadata(Labels series, Metadata metadata) {
          relabel(s, series, false).ifPresent(l -> next.updateMetadata(l, metadata));
        }

        @Override
        public void commit() {
          next.commit();
        }

        @Override
        public void rollback() {
          next.rollback();
        }
      };
    }
  }

  /**
   * Live debugging: each sample as {@code <labels in> => <labels out> ts value}, {@code {}} for a
   * dropped one. Nothing is built unless someone is watching.
   */
  private void publishLive(Labels in, Optional<Labels> out, long timestampMs, double value) {
    var live = options.services().liveDebugging();
    if (live.active(options.id())) {
      live.publish(
          options.id(),
          () ->
              in
                  + " => "
                  + out.map(Labels::toString).orElse("{}")
                  + " "
                  + timestampMs
                  + " "
                  + value);
    }
  }

  /**
   * A bounded LRU of relabel results; {@code Optional.empty()} records a dropped series. One lock:
   * a hit is a map lookup and a relink, short next to the relabeling it saves.
   */
  private static final class Cache {
    private final LinkedHashMap<Labels, Optional<Labels>> map; // guarded by this

    Cache(int maxSize) {
      this.map =
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Labels, Optional<Labels>> eldest) {
              return size() > maxSize;
            }
          };
    }

    /** The cached result, or null when there is none. */
    synchronized Optional<Labels> get(Labels in) {
      return map.get(in);
    }

    synchronized void put(Labels in, Optional<Labels> out) {
      map.put(in, out);
    }

    synchronized boolean remove(Labels in) {
      return map.remove(in) != null;
    }

    synchronized int size() {
      return map.size();
    }
  }
}
