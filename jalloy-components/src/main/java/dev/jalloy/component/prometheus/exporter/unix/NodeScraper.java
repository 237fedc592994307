package dev.jalloy.component.prometheus.exporter.unix;

import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * One scrape of node_exporter's registry: every collector runs on its own virtual thread with its
 * own sink, then {@code node_scrape_collector_duration_seconds} and {@code
 * node_scrape_collector_success} report how each did, and the writer prints all of it.
 *
 * <p>Failures follow node_exporter: a collector that has no data ({@link NoDataException}, a
 * missing file) reports success 0 with a debug line; any other failure reports 0 and a warning,
 * logged once per distinct message so a broken collector does not fill the log every scrape.
 */
final class NodeScraper {
  private static final int MAX_REMEMBERED_WARNINGS = 1024;

  private final List<Guarded> collectors;
  private final boolean includeExporterMetrics;
  private final Logger logger;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  NodeScraper(List<NodeCollector> collectors, boolean includeExporterMetrics, Logger logger) {
    this.collectors = collectors.stream().map(Guarded::new).toList();
    this.includeExporterMetrics = includeExporterMetrics;
    this.logger = logger;
  }

  /** The names of the collectors that run, in order. */
  List<String> collectorNames() {
    return collectors.stream().map(g -> g.collector.name()).toList();
  }

  /** Runs every collector and appends the exposition to {@code out}. */
  void scrape(StringBuilder out) throws InterruptedException {
    List<Future<Outcome>> running = new ArrayList<>(collectors.size());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Guarded g : collectors) {
        running.add(threads.submit(g::run));
      }
    } // close() waits for every collector
    List<MetricSink> sinks = new ArrayList<>(running.size() + 2);
    MetricSink meta = new MetricSink();
    MetricSink.Family duration =
        meta.family(
            "node_scrape_collector_duration_seconds",
            MetricType.GAUGE,
            "node_exporter: Duration of a collector scrape.");
    MetricSink.Family success =
        meta.family(
            "node_scrape_collector_success",
            MetricType.GAUGE,
            "node_exporter: Whether a collector succeeded.");
    for (Future<Outcome> f : running) {
      Outcome o = f.resultNow();
      sinks.add(o.sink);
      duration.add(o.seconds, "collector", o.name);
      success.add(o.failure == null ? 1 : 0, "collector", o.name);
      report(o);
    }
    sinks.add(meta);
    if (includeExporterMetrics) {
      sinks.add(ProcessMetrics.read());
    }
    ExpositionWriter.write(sinks, out);
  }

  private void report(Outcome o) {
    for (String warning : o.sink.warnings()) {
      warnOnce("collector problem", o.name, warning);
    }
    if (o.failure == null) {
      return;
    }
    if (o.failure instanceof NoDataException || o.failure instanceof NoSuchFileException) {
      logger.debug(
          "collector returned no data name={} duration_seconds={} err={}",
          o.name,
          o.seconds,
          o.failure.getMessage());
      return;
    }
    warnOnce("collector failed", o.name, o.failure.toString());
  }

  private void warnOnce(String message, String collector, String error) {
    if (warned.size() >= MAX_REMEMBERED_WARNINGS) {
      warned.clear(); // errors with changing values must not grow the set forever
    }
    if (warned.add(collector + '\0' + message + '\0' + error)) {
      logger.warn(message + " name={} err={}", collector, error);
    }
  }

  /** What one collector did in one scrape. */
  private record Outcome(String name, MetricSink sink, double seconds, Throwable failure) {}

  /** A collector with the lock that keeps two concurrent scrapes from running it at once. */
  private static final class Guarded {
    final NodeCollector collector;
    final ReentrantLock lock = new ReentrantLock();

    Guarded(NodeCollector collector) {
      this.collector = collector;
    }

    Outcome run() {
      MetricSink sink = new MetricSink();
      lock.lock();
      long start = System.nanoTime();
      Throwable failure = null;
      try {
        collector.collect(sink);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = e;
      } catch (Exception | LinkageError e) {
        failure = e;
      } finally {
        lock.unlock();
      }
      return new Outcome(collector.name(), sink, (System.nanoTime() - start) / 1e9, failure);
    }
  }
}
