package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * node_exporter's {@code bonding} collector ({@code collector/bonding_linux.go}): configured and
 * active ({@code mii_status} up) slaves of every bond in {@code /sys/class/net/bonding_masters}.
 * Without the bonding module the file is absent and the collector reports no data.
 */
public final class BondingCollector implements NodeCollector {
  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public BondingCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "bonding";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path net = paths.sys("class", "net");
    try {
      String[] masters = fields(net.resolve("bonding_masters"));
      int[][] counts = new int[masters.length][2];
      for (int m = 0; m < masters.length; m++) {
        Path master = net.resolve(masters[m]);
        for (String slave : fields(master.resolve("bonding").resolve("slaves"))) {
          String state;
          try {
            state =
                HostFiles.readWhole(
                    master.resolve("lower_" + slave).resolve("bonding_slave/mii_status"));
          } catch (NoSuchFileException e) {
            // some older kernels use the slave_ prefix
            state =
                HostFiles.readWhole(
                    master.resolve("slave_" + slave).resolve("bonding_slave/mii_status"));
          }
          counts[m][0]++;
          if (state.strip().equals("up")) {
            counts[m][1]++;
          }
        }
      }
      MetricSink.Family slaves =
          sink.family(
              "node_bonding_slaves",
              MetricType.GAUGE,
              "Number of configured slaves per bonding interface.");
      MetricSink.Family active =
          sink.family(
              "node_bonding_active",
              MetricType.GAUGE,
              "Number of active slaves per bonding interface.");
      for (int m = 0; m < masters.length; m++) {
        slaves.add(counts[m][0], "master", masters[m]);
        active.add(counts[m][1], "master", masters[m]);
      }
    } catch (NoSuchFileException e) {
      throw new NoDataException("Not collecting bonding, file does not exist: " + e.getFile());
    }
  }

  /** Go's {@code strings.Fields}. */
  private static String[] fields(Path file) throws IOException {
    String text = HostFiles.readWhole(file).strip();
    return text.isEmpty() ? new String[0] : text.split("\\s+");
  }
}
