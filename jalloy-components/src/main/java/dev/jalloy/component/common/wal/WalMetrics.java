package dev.jalloy.component.common.wal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The WAL's metrics, registered once per registry and shared by every WAL opened against it (a WAL
 * reopened after a restart of its component reuses the same series).
 */
public final class WalMetrics {

  /** Records lost: {@code disk_limit}, {@code corrupt_tail}, {@code corrupt_segment}. */
  final Counter recordsDropped;

  /** Segments that could not be deleted by truncation (retried on the next truncation). */
  final Counter truncationFailures;

  private WalMetrics(PrometheusRegistry registry) {
    recordsDropped =
        Counter.builder()
            .name("jalloy_wal_records_dropped_total")
            .help(
                "WAL records dropped, by reason: disk_limit (oldest segments deleted to stay under"
                    + " max_disk_size), corrupt_tail (torn/corrupt tail truncated at open; counts one"
                    + " per corrupt record found, the unparseable bytes after it may have held more),"
                    + " corrupt_segment (rest of an older segment skipped after a corrupt record)")
            .labelNames("reason")
            .register(registry);
    truncationFailures =
        Counter.builder()
            .name("jalloy_wal_truncation_failures_total")
            .help("WAL segment deletions that failed; retried on the next truncation.")
            .register(registry);
  }

  public static WalMetrics register(PrometheusRegistry registry) {
    return new WalMetrics(registry);
  }

  void dropped(String reason, long n) {
    if (n > 0) {
      recordsDropped.labelValues(reason).inc(n);
    }
  }
}
