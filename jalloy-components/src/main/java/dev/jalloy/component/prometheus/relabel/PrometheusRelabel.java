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
import dev.jalloy.model.SeriesRefTable;
import dev.jalloy.model.SlotRefTable;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.go.GoDuration;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

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
 * per input series, dropped series included: at most {@code max_cache_size} of them, or, with
 * {@code max_cache_size = 0} and {@code cache_ttl} set, each until it has not been used for {@code
 * cache_ttl}. An update starts a fresh cache, since the old results were computed with the old
 * rules. A staleness marker is relabeled like any sample (so it reaches the same output series) and
 * then evicts its series from the cache, as the series has ended.
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

  /** The shortest {@code cache_ttl} Alloy accepts. */
  public static final Duration MIN_CACHE_TTL = Duration.ofMinutes(1);

  /**
   * The arguments.
   *
   * @param forwardTo where relabeled samples go
   * @param rules the relabel rules, applied in order
   * @param maxCacheSize how many input series' results to remember; 0 with {@code cacheTtl}
   * @param cacheTtl how long an unused result is remembered, instead of a size bound; 0 for off
   */
  public record Arguments(
      @Attr("forward_to") List<MetricsReceiver> forwardTo,
      @Block(value = "rule", optional = true) List<Rule> rules,
      @Attr(value = "max_cache_size", optional = true) int maxCacheSize,
      @Attr(value = "cache_ttl", optional = true) Duration cacheTtl)
      implements Validated {

    public Arguments {
      forwardTo = List.copyOf(forwardTo);
      rules = List.copyOf(rules);
    }

    /** No receivers, no rules, a cache of {@value #DEFAULT_MAX_CACHE_SIZE} series. */
    public static Arguments defaults() {
      return new Arguments(List.of(), List.of(), DEFAULT_MAX_CACHE_SIZE, Duration.ZERO);
    }

    /** Exactly one of the two bounds: a size, or a time since last use of at least a minute. */
    @Override
    public void validate() {
      boolean ttl = !cacheTtl.isZero();
      if (ttl && maxCacheSize != 0) {
        throw new IllegalArgumentException(
            "max_cache_size and cache_ttl are exclusive: set max_cache_size = 0 to use cache_ttl");
      }
      if (ttl && cacheTtl.compareTo(MIN_CACHE_TTL) < 0) {
        throw new IllegalArgumentException(
            "cache_ttl must be at least 1m and is " + GoDuration.format(cacheTtl));
      }
      if (!ttl && maxCacheSize <= 0) {
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
  private final Counter cacheTtlEvictions;
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
    this.cacheTtlEvictions =
        Counter.builder()
            .name("alloy_prometheus_relabel_cache_ttl_evictions")
            .help("Total number of cache entries evicted because they were not used for cache_ttl")
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
            new Cache(arguments.maxCacheSize(), arguments.cacheTtl().toMillis()));
    cacheSize.set(0);
    options.onStateChange(new Exports(receiver, new RelabelRules(arguments.rules())));
  }

  /**
   * The cache entry of the input series: by reference when the caller passes one of ours, by labels
   * otherwise; relabeled and added on a miss.
   */
  private Cache.Result lookup(State s, long ref, Labels in, Tally tally) {
    Cache.Result entry = s.cache.get(ref, in);
    if (entry != null) {
      tally.hits++;
      s.cache.touch(entry, tally.startMillis);
      return entry;
    }
    tally.misses++;
    Relabeler relabeler = relabelers.poll();
    if (relabeler == null) {
      relabeler = new Relabeler();
    }
    Labels out;
    try {
      out = relabeler.process(in, s.rules).filter(l -> !l.isEmpty()).orElse(null);
    } finally {
      relabelers.offer(relabeler);
    }
    return s.cache.put(in, out, tally.startMillis);
  }

  /** Counts of one transaction, added to the counters once at its end. */
  private static final class Tally {
    /** When the transaction started: a result it uses counts as used then. */
    final long startMillis;

    long processed;
    long written;
    long hits;
    long misses;
    long deletes;

    Tally(long startMillis) {
      this.startMillis = startMillis;
    }

    void flushTo(PrometheusRelabel c, Cache cache) {
      c.cacheTtlEvictions.inc(cache.expireUnusedSince(startMillis));
      c.metricsProcessed.inc(processed);
      c.metricsWritten.inc(written);
      c.cacheHits.inc(hits);
      c.cacheMisses.inc(misses);
      c.cacheDeletes.inc(deletes);
      c.cacheSize.set(cache.size());
      processed = written = hits = misses = deletes = 0;
    }
  }

  private final class Receiver implements MetricsReceiver {
    @Override
    public Appender appender() {
      if (exited) {
        throw new IllegalStateException(options.id() + " has exited");
      }
      State s = state;
      Appender next = s.fanout.appender();
      Tally tally = new Tally(options.clock().millis());
      var live = options.services().liveDebugging();
      boolean watched = live.active(options.id());
      return new Appender() {
        @Override
        public long append(long ref, Labels labels, long timestampMs, double value) {
          tally.processed++;
          Cache.Result entry = lookup(s, ref, labels, tally);
          if (entry.out != null) {
            tally.written++;
            long outRef = next.append(entry.outRef, entry.out, timestampMs, value);
            if (outRef != entry.outRef) {
              entry.outRef = outRef; // written on change only: a volatile write fences
            }
          }
          if (watched) {
            publishLive(labels, entry.out, timestampMs, value);
          }
          if (Samples.isStale(value)) {
            // The series ended: forget it, as Alloy deletes a stale series from its cache.
            if (s.cache.remove(entry)) {
              tally.deletes++;
            }
            return 0;
          }
          return entry.ref;
        }

        @Override
        public void appendExemplar(long ref, Labels series, Exemplar exemplar) {
          Cache.Result entry = lookup(s, ref, series, tally);
          if (entry.out != null) {
            next.appendExemplar(entry.outRef, entry.out, exemplar);
          }
        }

        @Override
        public void updateMetadata(Labels series, Metadata metadata) {
          Cache.Result entry = lookup(s, 0, series, tally);
          if (entry.out != null) {
            next.updateMetadata(entry.out, metadata);
          }
        }

        @Override
        public void commit() {
          tally.flushTo(PrometheusRelabel.this, s.cache);
          next.commit();
        }

        @Override
        public void rollback() {
          tally.flushTo(PrometheusRelabel.this, s.cache);
          next.rollback();
        }
      };
    }
  }

  /**
   * Live debugging: each sample as {@code <labels in> => <labels out> ts value}, {@code {}} for a
   * dropped one. Nothing is built unless someone is watching.
   */
  private void publishLive(Labels in, Labels out, long timestampMs, double value) {
    options
        .services()
        .liveDebugging()
        .publish(
            options.id(),
            () -> in + " => " + (out == null ? "{}" : out) + " " + timestampMs + " " + value);
  }

  /**
   * A bounded cache of relabel results, found by the reference this component handed out for the
   * input series or, failing that, by the input labels.
   *
   * <p>When full, a new result replaces one chosen at random rather than the least recently used: a
   * scrape visits every series once per interval, in the same order, so a job slightly larger than
   * {@code max_cache_size} would make an LRU evict each entry just before it is needed and miss on
   * every sample; random eviction keeps most of them. And only one miss in {@value #ADMIT_ONE_IN}
   * takes a place once the cache is full (the others are relabeled and passed on uncached): each
   * admission evicts an entry that is, half the time, still to come in the scrape, so admitting
   * every miss doubled the misses of such a job (4.6% of a 102,400-series job in a 100,000-entry
   * cache, against 2.3% that cannot fit). A set of series that changes still takes the cache over,
   * within a few scrape intervals. Lookups take no lock.
   *
   * <p>With a {@code cache_ttl} instead, the cache has no size bound; a result unused for that long
   * is dropped by a sweep that runs, at most every half TTL, when a transaction ends.
   */
  private static final class Cache {
    /** Once full, one miss in this many is cached. */
    static final int ADMIT_ONE_IN = 8;

    /** One input series: its result ({@code out} null when dropped) and the downstream ref. */
    static final class Result implements SeriesRefTable.Entry {
      final long ref;
      final Labels in;
      final Labels out;

      /** What the next receiver returned for {@code out}; racy writes only lose a shortcut. */
      volatile long outRef;

      /** When a transaction last used it (TTL mode). Racy: a lost update only ages it early. */
      long usedAtMillis;

      int slot = -1; // guarded by the cache

      Result(long ref, Labels in, Labels out) {
        this.ref = ref;
        this.in = in;
        this.out = out;
      }

      @Override
      public long seriesRef() {
        return ref;
      }
    }

    // numbered by the table: a scrape's lookups then walk it in the order they were added
    private final SlotRefTable<Result> byRef = new SlotRefTable<>();
    private final ConcurrentHashMap<Labels, Result> byLabels = new ConcurrentHashMap<>();
    private final int maxSize; // 0: bounded by ttlMillis instead
    private final long ttlMillis;
    private Result[] slots; // guarded by this; what is cached, for eviction and expiry
    private int size; // guarded by this
    private long sweptAtMillis; // guarded by this

    Cache(int maxSize, long ttlMillis) {
      this.maxSize = maxSize;
      this.ttlMillis = ttlMillis;
      this.slots = new Result[maxSize > 0 ? maxSize : 1024];
    }

    /** Marks a hit as used now, for TTL expiry. */
    void touch(Result e, long nowMillis) {
      if (ttlMillis > 0 && e.usedAtMillis != nowMillis) {
        e.usedAtMillis = nowMillis;
      }
    }

    /**
     * In TTL mode, when half a TTL has passed since the last sweep, drops every result unused since
     * {@code nowMillis - cache_ttl}; returns how many.
     */
    int expireUnusedSince(long nowMillis) {
      if (ttlMillis <= 0) {
        return 0; // size-bounded: every transaction's end skips the lock
      }
      synchronized (this) {
        return sweep(nowMillis);
      }
    }

    /** The TTL sweep, when due. Caller holds the lock. */
    private int sweep(long nowMillis) {
      if (nowMillis - sweptAtMillis < ttlMillis / 2) {
        return 0;
      }
      sweptAtMillis = nowMillis;
      int expired = 0;
      for (int i = size - 1; i >= 0; i--) {
        Result e = slots[i];
        if (e.usedAtMillis < nowMillis - ttlMillis) {
          forget(e); // moves the last slot here, which was already looked at
          expired++;
        }
      }
      return expired;
    }

    /** The entry for the series, or null when there is none. */
    Result get(long ref, Labels in) {
      if (ref != 0) {
        Result e = byRef.get(ref);
        if (e != null) {
          return e;
        }
      }
      return byLabels.get(in);
    }

    /** Adds the result for {@code in}, unless another appender just did; returns the entry kept. */
    synchronized Result put(Labels in, Labels out, long nowMillis) {
      Result existing = byLabels.get(in);
      if (existing != null) {
        return existing;
      }
      if (size == slots.length) {
        if (maxSize > 0) {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          if (random.nextInt(ADMIT_ONE_IN) != 0) {
            return new Result(0, in, out); // not cached; the caller gets no reference to keep
          }
          forget(slots[random.nextInt(size)]);
        } else {
          slots = Arrays.copyOf(slots, size * 2);
        }
      }
      Result e = byRef.add(ref -> new Result(ref, in, out));
      e.usedAtMillis = nowMillis;
      e.slot = size;
      slots[size++] = e;
      byLabels.put(in, e);
      return e;
    }

    synchronized boolean remove(Result e) {
      if (e.slot < 0) {
        return false;
      }
      forget(e);
      return true;
    }

    /** Removes an entry, moving the last slot into its place. Caller holds the lock. */
    private void forget(Result e) {
      byLabels.remove(e.in, e);
      byRef.remove(e);
      Result last = slots[--size];
      slots[e.slot] = last;
      last.slot = e.slot;
      slots[size] = null;
      e.slot = -1;
    }

    synchronized int size() {
      return size;
    }
  }
}
