package dev.jalloy.component.loki.relabel;

import dev.jalloy.component.Component;
import dev.jalloy.component.LiveDebuggingSupport;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsFanout;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code loki.relabel}: relabels the label set of every entry sent to its {@code receiver} and
 * forwards the survivors to {@code forward_to}; line, timestamp and structured metadata are left
 * alone. An entry whose labels a rule drops, or that end up empty, is dropped (counted as
 * processed, not written).
 *
 * <pre>
 * loki.relabel "keep_prod" {
 *   forward_to = [loki.write.default.receiver]
 *   rule {
 *     source_labels = ["env"]
 *     regex         = "prod"
 *     action        = "keep"
 *   }
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/loki/relabel/relabel.go}: results are cached per
 * input label set in an LRU of {@code max_cache_size} entries; an update starts a fresh cache.
 */
public final class LokiRelabel implements Component<LokiRelabel.Arguments>, LiveDebuggingSupport {
  /** How {@code loki.relabel} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "loki.relabel",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          LokiRelabel::new);

  /** Alloy's default {@code max_cache_size}. */
  public static final int DEFAULT_MAX_CACHE_SIZE = 10_000;

  /**
   * The arguments.
   *
   * @param forwardTo where relabeled entries go
   * @param rules the relabel rules, applied in order
   * @param maxCacheSize how many input label sets' results to remember
   */
  public record Arguments(
      @Attr("forward_to") List<LogsReceiver> forwardTo,
      @Block(value = "rule", optional = true) List<Rule> rules,
      @Attr(value = "max_cache_size", optional = true) int maxCacheSize)
      implements Validated {
    public Arguments {
      forwardTo = List.copyOf(forwardTo);
      rules = List.copyOf(rules);
    }

    /** No receivers, no rules, a cache of {@value #DEFAULT_MAX_CACHE_SIZE} label sets. */
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
   * @param receiver where to send entries to relabel; the same for the component's life
   * @param rules the rules, for components that accept {@code RelabelRules}
   */
  public record Exports(
      @Attr("receiver") LogsReceiver receiver, @Attr("rules") RelabelRules rules) {}

  /** An LRU of results; {@code Optional.empty()} for a dropped label set. */
  private static final class Cache extends LinkedHashMap<Labels, Optional<Labels>> {
    private static final long serialVersionUID = 1L;
    private final int max;

    Cache(int max) {
      super(16, 0.75f, true);
      this.max = max;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Labels, Optional<Labels>> eldest) {
      return size() > max;
    }
  }

  private record State(List<Rule> rules, LogsFanout fanout, Cache cache) {}

  private final Options options;
  private final Receiver receiver = new Receiver();
  private final ConcurrentLinkedQueue<Relabeler> relabelers = new ConcurrentLinkedQueue<>();
  private final Counter processed;
  private final Counter written;
  private final Counter hits;
  private final Counter misses;
  private final Gauge cacheSize;
  private volatile State state;
  private volatile boolean exited;

  LokiRelabel(Options options, Arguments arguments) {
    this.options = options;
    var registry = options.registry();
    this.processed =
        Counter.builder()
            .name("loki_relabel_entries_processed")
            .help("Total number of log entries processed")
            .register(registry);
    this.written =
        Counter.builder()
            .name("loki_relabel_entries_written")
            .help("Total number of log entries forwarded")
            .register(registry);
    this.hits =
        Counter.builder()
            .name("loki_relabel_cache_hits")
            .help("Total number of cache hits")
            .register(registry);
    this.misses =
        Counter.builder()
            .name("loki_relabel_cache_misses")
            .help("Total number of cache misses")
            .register(registry);
    this.cacheSize =
        Gauge.builder()
            .name("loki_relabel_cache_size")
            .help("Total size of relabel cache")
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

  @Override
  public void update(Arguments arguments) {
    arguments.validate();
    state =
        new State(
            arguments.rules(),
            new LogsFanout(arguments.forwardTo()),
            new Cache(arguments.maxCacheSize()));
    cacheSize.set(0);
    options.onStateChange(new Exports(receiver, new RelabelRules(arguments.rules())));
  }

  private Optional<Labels> relabel(State s, Labels in) {
    Optional<Labels> out;
    synchronized (s.cache) {
      out = s.cache.get(in);
    }
    if (out != null) {
      hits.inc();
      return out;
    }
    misses.inc();
    Relabeler r = relabelers.poll();
    if (r == null) {
      r = new Relabeler();
    }
    try {
      out = r.process(in, s.rules).filter(l -> !l.isEmpty());
    } finally {
      relabelers.offer(r);
    }
    synchronized (s.cache) {
      s.cache.put(in, out);
      cacheSize.set(s.cache.size());
    }
    return out;
  }

  private final class Receiver implements LogsReceiver {
    @Override
    public void receive(List<LogEntry> entries) throws InterruptedException {
      if (exited) {
        throw new IllegalStateException(options.id() + " has exited");
      }
      State s = state;
      var live = options.services().liveDebugging();
      boolean watched = live.active(options.id());
      List<LogEntry> out = new ArrayList<>(entries.size());
      for (LogEntry e : entries) {
        Optional<Labels> labels = relabel(s, e.labels());
        labels.ifPresent(l -> out.add(e.withLabels(l)));
        if (watched) {
          live.publish(
              options.id(), () -> e.labels() + " => " + labels.map(Labels::toString).orElse("{}"));
        }
      }
      processed.inc(entries.size());
      written.inc(out.size());
      if (!out.isEmpty()) {
        s.fanout.receive(out);
      }
    }

    @Override
    public String toString() {
      return "loki.LogsReceiver(" + options.id() + ")";
    }
  }
}
