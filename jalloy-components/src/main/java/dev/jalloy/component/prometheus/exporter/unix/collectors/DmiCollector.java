package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's {@code dmi} collector ({@code collector/dmi.go} with procfs's {@code
 * class_dmi.go}): one {@code node_dmi_info} series labelled with the firmware's identity from
 * {@code /sys/class/dmi/id}. The files are read once, as node_exporter reads them at start: they
 * only change with a reboot. Files only root may read (serials, UUID) are left out.
 */
public final class DmiCollector implements NodeCollector {
  private static final String HELP =
      "A metric with a constant '1' value labeled by bios_date, bios_release, bios_vendor,"
          + " bios_version, board_asset_tag, board_name, board_serial, board_vendor, board_version,"
          + " chassis_asset_tag, chassis_serial, chassis_vendor, chassis_version, product_family,"
          + " product_name, product_serial, product_sku, product_uuid, product_version,"
          + " system_vendor if provided by DMI.";

  /** File name to label name; the files node_exporter reports. */
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("bios_date", "bios_date"),
          Map.entry("bios_release", "bios_release"),
          Map.entry("bios_vendor", "bios_vendor"),
          Map.entry("bios_version", "bios_version"),
          Map.entry("board_asset_tag", "board_asset_tag"),
          Map.entry("board_name", "board_name"),
          Map.entry("board_serial", "board_serial"),
          Map.entry("board_vendor", "board_vendor"),
          Map.entry("board_version", "board_version"),
          Map.entry("chassis_asset_tag", "chassis_asset_tag"),
          Map.entry("chassis_serial", "chassis_serial"),
          Map.entry("chassis_vendor", "chassis_vendor"),
          Map.entry("chassis_version", "chassis_version"),
          Map.entry("product_family", "product_family"),
          Map.entry("product_name", "product_name"),
          Map.entry("product_serial", "product_serial"),
          Map.entry("product_sku", "product_sku"),
          Map.entry("product_uuid", "product_uuid"),
          Map.entry("product_version", "product_version"),
          Map.entry("sys_vendor", "system_vendor"));

  private final HostPaths paths;
  private String[] labels;

  /**
   * @param paths where the host's sysfs is
   */
  public DmiCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "dmi";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    if (labels == null) {
      labels = read(paths.sys("class", "dmi", "id"));
    }
    if (labels.length == 0) {
      throw new NoDataException("Platform does not support Desktop Management Interface (DMI)");
    }
    sink.gauge("node_dmi_info", HELP, 1, labels);
  }

  private static String[] read(Path dir) throws IOException {
    List<String> names;
    try {
      names = SysFiles.list(dir);
    } catch (NoSuchFileException e) {
      return new String[0];
    }
    List<String> pairs = new ArrayList<>();
    for (String name : names) {
      String label = LABELS.get(name);
      Path file = dir.resolve(name);
      if (label == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        pairs.add(label);
        pairs.add(HostFiles.readTrimmed(file));
      } catch (AccessDeniedException e) {
        pairs.remove(pairs.size() - 1); // only root may read serial numbers and the UUID
      }
    }
    return pairs.toArray(String[]::new);
  }
}
