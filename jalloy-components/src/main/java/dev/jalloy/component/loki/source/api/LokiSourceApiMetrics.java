package dev.jalloy.component.loki.source.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code loki.source.api}'s metrics, named after Alloy's where Alloy has one. */
final class LokiSourceApiMetrics {
  final Histogram requestDuration;
  final Gauge inflightRequests;
  final Counter entriesWritten;
  final Counter malformedRequests;
  final Counter forwardFailures;

  LokiSourceApiMetrics(PrometheusRegistry registry) {
    requestDuration =
        Histogram.builder()
            .name("loki_source_api_request_duration_seconds")
            .help("Time (in seconds) spent serving HTTP requests.")
            .labelNames("method", "route", "status_code", "ws")
            .classicOnly()
            .register(registry);
    inflightRequests =
        Gauge.builder()
            .name("loki_source_api_inflight_requests")
            .help("Current number of inflight requests.")
            .labelNames("method", "route")
            .register(registry);
    entriesWritten =
        Counter.builder()
            .name("loki_source_api_entries_written")
            .help("Total number of entries forwarded to the receivers.")
            .register(registry);
    malformedRequests =
        Counter.builder()
            .name("loki_source_api_malformed_requests")
            .help("Requests answered 400 because the body or a stream's labels did not decode.")
            .register(registry);
    forwardFailures =
        Counter.builder()
            .name("loki_source_api_forward_failures")
            .help("Requests answered 500 because a receiver of forward_to failed.")
            .register(registry);
  }
}
