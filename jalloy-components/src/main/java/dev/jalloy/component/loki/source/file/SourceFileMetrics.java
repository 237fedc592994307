package dev.jalloy.component.loki.source.file;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code loki.source.file}'s metrics: Alloy's four (the {@code path} label as in its {@code
 * metrics.go}) plus jalloy's counters for every line cut, file rotation and positions-file problem,
 * so that nothing is changed or skipped silently.
 *
 * <p>Alloy's four are gauges whose names end in {@code _total}, which the Prometheus Java client
 * refuses. {@code read_bytes_total} and {@code read_lines_total} are therefore counters (same
 * exposed names; bytes read only grow here, where Alloy's gauge follows the offset back after a
 * truncation); the two that must go down are exposed without the suffix: {@code
 * loki_source_file_file_bytes} and {@code loki_source_file_files_active}.
 */
final class SourceFileMetrics {
  final Counter readBytes;
  final Gauge fileBytes;
  final Counter readLines;
  final Gauge filesActive;
  final Counter truncatedLines;
  final Counter rotations;
  final Counter positionsErrors;
  final Counter readErrors;

  SourceFileMetrics(PrometheusRegistry registry) {
    readBytes =
        Counter.builder()
            .name("loki_source_file_read_bytes_total")
            .help("Number of bytes read.")
            .labelNames("path")
            .register(registry);
    fileBytes =
        Gauge.builder()
            .name("loki_source_file_file_bytes")
            .help("Number of bytes total.")
            .labelNames("path")
            .register(registry);
    readLines =
        Counter.builder()
            .name("loki_source_file_read_lines_total")
            .help("Number of lines read.")
            .labelNames("path")
            .register(registry);
    filesActive =
        Gauge.builder()
            .name("loki_source_file_files_active")
            .help("Number of active files.")
            .register(registry);
    truncatedLines =
        Counter.builder()
            .name("loki_source_file_lines_truncated_total")
            .help("Lines longer than the maximum line size, cut to it.")
            .register(registry);
    rotations =
        Counter.builder()
            .name("loki_source_file_rotations_total")
            .help("File rotations followed, by kind (rename, truncate).")
            .labelNames("kind")
            .register(registry);
    positionsErrors =
        Counter.builder()
            .name("loki_source_file_positions_errors_total")
            .help(
                "Positions file problems, by reason; each restarts files per on_positions_file_error.")
            .labelNames("reason")
            .register(registry);
    readErrors =
        Counter.builder()
            .name("loki_source_file_read_errors_total")
            .help("Errors opening or reading files, by reason.")
            .labelNames("reason")
            .register(registry);
  }

  /** Forgets a path's series once its tailer stops, so churned files do not pile up series. */
  void forget(String path) {
    readBytes.remove(path);
    fileBytes.remove(path);
    readLines.remove(path);
  }
}
