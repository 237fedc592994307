package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * node_exporter's {@code systemd} collector ({@code collector/systemd_linux.go}), which asks
 * systemd over D-Bus for its units. jalloy does not speak D-Bus yet: the collector reports no data
 * ({@code node_scrape_collector_success 0}, as node_exporter reports on a host without D-Bus) with
 * one debug message saying why, whether or not systemd's private socket is there. The settings are
 * kept so configurations that set them stay valid.
 */
public final class SystemdCollector implements NodeCollector {
  /** node_exporter's {@code --collector.systemd.unit-include} default (anchored when used). */
  public static final String DEFAULT_UNIT_INCLUDE = ".+";

  /** node_exporter's {@code --collector.systemd.unit-exclude} default (anchored when used). */
  public static final String DEFAULT_UNIT_EXCLUDE = ".+\\.(automount|device|mount|scope|slice)";

  private final HostPaths paths;
  private final Pattern unitInclude;
  private final Pattern unitExclude;
  private final boolean enableRestarts;
  private final boolean startTime;
  private final boolean taskMetrics;

  /**
   * @param paths where the host's root is ({@code run/systemd/private} is looked for under it)
   * @param unitInclude units to report ({@code unit_include}; node_exporter anchors it)
   * @param unitExclude units not to report ({@code unit_exclude}; node_exporter anchors it)
   * @param enableRestarts report {@code node_systemd_service_restart_total} ({@code
   *     enable_restarts})
   * @param startTime report {@code node_systemd_unit_start_time_seconds} ({@code start_time})
   * @param taskMetrics report the task counts of services ({@code task_metrics})
   */
  public SystemdCollector(
      HostPaths paths,
      Pattern unitInclude,
      Pattern unitExclude,
      boolean enableRestarts,
      boolean startTime,
      boolean taskMetrics) {
    this.paths = paths;
    this.unitInclude = unitInclude;
    this.unitExclude = unitExclude;
    this.enableRestarts = enableRestarts;
    this.startTime = startTime;
    this.taskMetrics = taskMetrics;
  }

  @Override
  public String name() {
    return "systemd";
  }

  /** The unit filter node_exporter applies: included, not excluded, both matched whole. */
  boolean reports(String unit) {
    return unitInclude.matcher(unit).matches() && !unitExclude.matcher(unit).matches();
  }

  /** Which optional families the configuration asks for, for the debug message. */
  String options() {
    return "enable_restarts="
        + enableRestarts
        + " start_time="
        + startTime
        + " task_metrics="
        + taskMetrics;
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path socket = paths.root("run", "systemd", "private");
    if (!Files.exists(socket)) {
      throw new NoDataException(
          "couldn't get dbus connection: no systemd private socket at " + socket);
    }
    throw new NoDataException(
        "systemd collector: D-Bus is not supported by jalloy yet, "
            + socket
            + " is present but not queried ("
            + options()
            + ")");
  }
}
