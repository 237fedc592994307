package dev.jalloy.component.loki.write;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code loki.write}'s metrics, named and labelled as Alloy's {@code
 * internal/component/common/loki/client/metrics.go} ({@code host} is the endpoint URL's host:port),
 * plus jalloy's queue gauges. Registered once per component; senders restarted by an update reuse
 * the series.
 */
final class LokiWriteMetrics {
  final Counter sentEntries;
  final Counter sentBytes;
  final Counter encodedBytes;
  final Counter droppedEntries;
  final Counter droppedBytes;
  final Counter batchRetries;
  final Histogram requestDuration;
  final Gauge pendingEntries;
  final Gauge queueBytes;
  final Counter queueBlockedSeconds;
  final Gauge queueBlockedProducers;
  final Counter corruptRecords;

  LokiWriteMetrics(PrometheusRegistry registry) {
    sentEntries =
        Counter.builder()
            .name("loki_write_sent_entries_total")
            .help("Number of log entries sent to the ingester.")
            .labelNames("host", "tenant")
            .register(registry);
    sentBytes =
        Counter.builder()
            .name("loki_write_sent_bytes_total")
            .help("Number of bytes sent.")
            .labelNames("host", "tenant")
            .register(registry);
    encodedBytes =
        Counter.builder()
            .name("loki_write_encoded_bytes_total")
            .help("Number of bytes encoded and ready to send.")
            .labelNames("host", "tenant")
            .register(registry);
    droppedEntries =
        Counter.builder()
            .name("loki_write_dropped_entries_total")
            .help(
                "Number of log entries dropped because they failed to be sent to the ingester after"
                    + " all retries, were rejected, or exceeded a limit.")
            .labelNames("host", "reason", "tenant")
            .register(registry);
    droppedBytes =
        Counter.builder()
            .name("loki_write_dropped_bytes_total")
            .help("Number of bytes dropped, by reason (see loki_write_dropped_entries_total).")
            .labelNames("host", "reason", "tenant")
            .register(registry);
    batchRetries =
        Counter.builder()
            .name("loki_write_batch_retries_total")
            .help("Number of times batches have had to be retried.")
            .labelNames("host", "tenant")
            .register(registry);
    requestDuration =
        Histogram.builder()
            .name("loki_write_request_duration_seconds")
            .help("Duration of send requests.")
            .labelNames("status_code", "host", "tenant")
            .classicOnly()
            .register(registry);
    pendingEntries =
        Gauge.builder()
            .name("loki_write_pending_entries")
            .help(
                "Entries read from the on-disk queue and held in batches, not yet acknowledged by"
                    + " the endpoint (jalloy).")
            .labelNames("host")
            .register(registry);
    queueBytes =
        Gauge.builder()
            .name("loki_write_queue_bytes")
            .help("Bytes of the on-disk queue's segments (jalloy).")
            .register(registry);
    queueBlockedSeconds =
        Counter.builder()
            .name("loki_write_queue_blocked_seconds_total")
            .help(
                "Time producers spent blocked because the on-disk queue reached max_disk_size"
                    + " (jalloy).")
            .register(registry);
    queueBlockedProducers =
        Gauge.builder()
            .name("loki_write_queue_blocked_producers")
            .help("Producers blocked right now on the full on-disk queue (jalloy).")
            .register(registry);
    corruptRecords =
        Counter.builder()
            .name("loki_write_queue_corrupt_records_total")
            .help("Queue records that did not decode and were skipped (jalloy).")
            .register(registry);
  }
}
