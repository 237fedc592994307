package dev.jalloy.component.prometheus.exporter.unix;

import java.io.IOException;

/**
 * One of node_exporter's collectors: reads one part of the host and writes metric families.
 *
 * <p>An instance is built once per configuration (its settings are constructor parameters) and
 * asked to collect on every scrape, possibly from different threads but never concurrently with
 * itself. A collector may keep state between scrapes (previous values, caches) for that reason.
 *
 * <p>Failures: throw {@link NoDataException}, or let a {@link java.nio.file.NoSuchFileException}
 * escape, when the host simply does not have what the collector reads; the scrape then reports
 * {@code node_scrape_collector_success 0} quietly. Any other exception also reports 0 and is
 * logged, as node_exporter logs {@code collector failed}. Metrics written before the failure are
 * kept, as in node_exporter, whose collectors send on a channel as they go.
 */
public interface NodeCollector {
  /** node_exporter's name for the collector: the {@code collector} label and the enable key. */
  String name();

  /** Reads the host and writes this collector's metrics into {@code sink}. */
  void collect(MetricSink sink) throws IOException, InterruptedException;
}
