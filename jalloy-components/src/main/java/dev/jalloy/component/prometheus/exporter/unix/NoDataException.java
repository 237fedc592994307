package dev.jalloy.component.prometheus.exporter.unix;

import java.io.IOException;

/**
 * node_exporter's {@code ErrNoData}: the collector has nothing to report on this host (the module
 * is not loaded, the file is absent). The scrape reports {@code node_scrape_collector_success 0}
 * for it and logs nothing above debug, so a host without ZFS or InfiniBand is not noisy.
 */
public final class NoDataException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The reason, for the debug log. */
  public NoDataException(String reason) {
    super(reason);
  }
}
