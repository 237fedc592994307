package dev.jalloy.component.prometheus.remotewrite.wire;

import java.util.List;

/**
 * {@code prometheus.WriteRequest}, decoded; the convenient, allocating form for tests and
 * receivers. Senders stream into {@link WriteRequestEncoder} instead.
 *
 * @param skippedHistograms native histograms the decoder met and did not decode (not modelled yet),
 *     so a receiver can count what it drops
 */
public record WriteRequest(
    List<TimeSeries> timeseries, List<MetricMetadata> metadata, int skippedHistograms) {
  public WriteRequest {
    timeseries = List.copyOf(timeseries);
    metadata = List.copyOf(metadata);
  }

  public WriteRequest(List<TimeSeries> timeseries, List<MetricMetadata> metadata) {
    this(timeseries, metadata, 0);
  }
}
