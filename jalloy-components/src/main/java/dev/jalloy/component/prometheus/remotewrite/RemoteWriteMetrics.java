package dev.jalloy.component.prometheus.remotewrite;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Prometheus' remote storage metrics ({@code storage/remote/queue_manager.go}), with its names and
 * its {@code remote_name} / {@code url} labels, so existing dashboards and alerts keep working. Go
 * counters carry no {@code _total} in their names; the exposition adds it.
 */
final class RemoteWriteMetrics {
  final Gauge highestTimestamp;
  private final Counter samplesTotal;
  private final Counter samplesFailed;
  private final Counter samplesRetried;
  private final Counter samplesDropped;
  private final Gauge samplesPending;
  private final Gauge highestSent;
  private final Gauge shards;
  private final Gauge shardsDesired;
  private final Gauge shardsMin;
  private final Gauge shardsMax;

  RemoteWriteMetrics(PrometheusRegistry registry) {
    highestTimestamp =
        Gauge.builder()
            .name("prometheus_remote_storage_highest_timestamp_in_seconds")
            .help(
                "Highest timestamp that has come into the remote storage via the Appender"
                    + " interface, in seconds since epoch. Initialized to 0 when no data has been"
                    + " received yet.")
            .register(registry);
    samplesTotal =
        counter(
            registry,
            "prometheus_remote_storage_samples",
            "Total number of samples sent to remote storage.");
    samplesFailed =
        counter(
            registry,
            "prometheus_remote_storage_samples_failed",
            "Total number of samples which failed on send to remote storage, non-recoverable"
                + " errors.");
    samplesRetried =
        counter(
            registry,
            "prometheus_remote_storage_samples_retried",
            "Total number of samples which failed on send to remote storage but were retried"
                + " because the send error was recoverable.");
    samplesDropped =
        Counter.builder()
            .name("prometheus_remote_storage_samples_dropped")
            .help(
                "Total number of samples which were dropped after being read from the WAL before"
                    + " being sent via remote write, either via relabelling, due to being too old"
                    + " or unintentionally because of an unknown reference ID.")
            .labelNames("remote_name", "url", "reason")
            .register(registry);
    samplesPending =
        gauge(
            registry,
            "prometheus_remote_storage_samples_pending",
            "The number of samples pending in the queues shards to be sent to the remote storage.");
    highestSent =
        gauge(
            registry,
            "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
            "Timestamp from a WAL sample, the highest timestamp successfully sent by this queue, in"
                + " seconds since epoch. Initialized to 0 when no data has been sent yet.");
    shards =
        gauge(
            registry,
            "prometheus_remote_storage_shards",
            "The number of shards used for parallel sending to the remote storage.");
    shardsDesired =
        gauge(
            registry,
            "prometheus_remote_storage_shards_desired",
            "The number of shards that the queues shard calculation wants to run based on the rate"
                + " of samples in vs. samples out.");
    shardsMin =
        gauge(
            registry,
            "prometheus_remote_storage_shards_min",
            "The minimum number of shards that the queue is allowed to run.");
    shardsMax =
        gauge(
            registry,
            "prometheus_remote_storage_shards_max",
            "The maximum number of shards that the queue is allowed to run.");
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames("remote_name", "url")
        .register(registry);
  }

  private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
    return Gauge.builder()
        .name(name)
        .help(help)
        .labelNames("remote_name", "url")
        .register(registry);
  }

  /** The data points of one endpoint's queue. */
  Queue queue(String remoteName, String url) {
    return new Queue(
        samplesTotal.labelValues(remoteName, url),
        samplesFailed.labelValues(remoteName, url),
        samplesRetried.labelValues(remoteName, url),
        samplesDropped.labelValues(remoteName, url, "dropped_series"),
        samplesDropped.labelValues(remoteName, url, "too_old"),
        samplesDropped.labelValues(remoteName, url, "unknown_series"),
        samplesPending.labelValues(remoteName, url),
        highestSent.labelValues(remoteName, url),
        shards.labelValues(remoteName, url),
        shardsDesired.labelValues(remoteName, url),
        shardsMin.labelValues(remoteName, url),
        shardsMax.labelValues(remoteName, url));
  }

  record Queue(
      CounterDataPoint sent,
      CounterDataPoint failed,
      CounterDataPoint retried,
      CounterDataPoint droppedByRelabel,
      CounterDataPoint droppedTooOld,
      CounterDataPoint droppedUnknownSeries,
      GaugeDataPoint pending,
      GaugeDataPoint highestSentSeconds,
      GaugeDataPoint shards,
      GaugeDataPoint shardsDesired,
      GaugeDataPoint shardsMin,
      GaugeDataPoint shardsMax) {}
}
