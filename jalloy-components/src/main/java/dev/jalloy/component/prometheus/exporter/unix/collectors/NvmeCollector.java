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
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's {@code nvme} collector ({@code collector/nvme_linux.go} with procfs's {@code
 * class_nvme.go}): one {@code node_nvme_info} series per controller in {@code /sys/class/nvme}.
 */
public final class NvmeCollector implements NodeCollector {
  private static final String HELP =
      "Non-numeric data from /sys/class/nvme/<device>, value is always 1.";

  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public NvmeCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "nvme";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path root = paths.sys("class", "nvme");
    try {
      List<String[]> rows = new ArrayList<>();
      for (String device : SysFiles.list(root)) {
        Path dir = root.resolve(device);
        rows.add(
            new String[] {
              "device", device,
              "firmware_revision", HostFiles.readTrimmed(dir.resolve("firmware_rev")),
              "model", HostFiles.readTrimmed(dir.resolve("model")),
              "serial", HostFiles.readTrimmed(dir.resolve("serial")),
              "state", HostFiles.readTrimmed(dir.resolve("state")),
            });
      }
      MetricSink.Family info = sink.family("node_nvme_info", MetricType.GAUGE, HELP);
      for (String[] labels : rows) {
        info.add(1, labels);
      }
    } catch (NoSuchFileException e) {
      throw new NoDataException("nvme statistics not found, skipping: " + e.getFile());
    }
  }
}
