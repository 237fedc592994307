package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's {@code rapl} collector ({@code collector/rapl_linux.go} with procfs's {@code
 * class_powercap.go}): the energy counters of the RAPL zones under {@code /sys/class/powercap}. A
 * zone named {@code package-1} becomes {@code node_rapl_package_joules_total{index="1"}}; repeated
 * names without a number ({@code dram}) are numbered in directory order.
 */
public final class RaplCollector implements NodeCollector {
  private static final java.util.regex.Pattern INVALID =
      java.util.regex.Pattern.compile("_*[^0-9A-Za-z_]+_*");

  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public RaplCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "rapl";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path root = paths.sys("class", "powercap");
    List<String> entries;
    try {
      entries = SysFiles.list(root);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new NoDataException("Platform doesn't have powercap files present");
    }
    Map<String, Integer> usages = new HashMap<>();
    record Zone(String name, int index, Path path) {}
    List<Zone> zones = new java.util.ArrayList<>();
    for (String entry : entries) {
      Path dir = root.resolve(entry);
      String name;
      try {
        name = HostFiles.readWhole(dir.resolve("name")).strip();
      } catch (IOException e) {
        continue; // not a zone (the intel-rapl control type has no name)
      }
      int index;
      int dash = name.lastIndexOf('-');
      Integer suffix = dash < 0 ? null : parseAtoi(name.substring(dash + 1));
      if (suffix != null) {
        index = suffix;
        name = name.substring(0, dash);
      } else {
        index = usages.getOrDefault(name, 0);
      }
      readUnsigned(dir.resolve("max_energy_range_uj"));
      zones.add(new Zone(name, index, dir));
      usages.put(name, index + 1);
    }
    for (Zone zone : zones) {
      double microjoules;
      try {
        microjoules = readUnsigned(zone.path.resolve("energy_uj"));
      } catch (AccessDeniedException e) {
        throw new NoDataException("Can't access energy_uj file: " + e.getMessage());
      }
      sink.counter(
          "node_rapl_" + INVALID.matcher(zone.name + "_joules_total").replaceAll("_"),
          "Current RAPL " + zone.name + " value in joules",
          microjoules / 1000000.0,
          "index",
          Integer.toString(zone.index),
          "path",
          zone.path.toString());
    }
  }

  /** Go's {@code strconv.Atoi}: optional sign and decimal digits, else null. */
  private static Integer parseAtoi(String s) {
    try {
      return s.isEmpty() ? null : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static double readUnsigned(Path file) throws IOException {
    String text = HostFiles.readTrimmed(file);
    Double v = SysFiles.parseUnsigned(text);
    if (v == null) {
      throw new IOException(file + ": not an unsigned integer: " + text);
    }
    return v;
  }
}
