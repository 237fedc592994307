package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's {@code thermal_zone} collector ({@code collector/thermal_zone_linux.go} with
 * procfs's {@code class_thermal.go} and {@code class_cooling_device.go}): the temperature of every
 * {@code /sys/class/thermal/thermal_zoneN} and the throttle state of every {@code cooling_deviceN}.
 * A host without thermal zones succeeds with nothing.
 */
public final class ThermalZoneCollector implements NodeCollector {
  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public ThermalZoneCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "thermal_zone";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path thermal = paths.sys("class", "thermal");
    MetricSink.Family temp =
        sink.family("node_thermal_zone_temp", MetricType.GAUGE, "Zone temperature in Celsius");
    for (String zone : glob(thermal, "thermal_zone")) {
      Path dir = thermal.resolve(zone);
      try {
        SysFiles.readOrNull(dir.resolve("mode")); // read for procfs's error rules, not exported
        String type = HostFiles.readTrimmed(dir.resolve("type"));
        HostFiles.readTrimmed(dir.resolve("policy"));
        long celsiusMilli = parseLong(dir.resolve("temp"));
        String passive = SysFiles.readOrNull(dir.resolve("passive"));
        if (passive != null && SysFiles.parseUnsigned(passive) == null) {
          throw new IOException(dir.resolve("passive") + ": not an unsigned integer: " + passive);
        }
        temp.add(
            celsiusMilli / 1000.0, "zone", zone.substring("thermal_zone".length()), "type", type);
      } catch (IOException e) {
        if (isTransient(e)) {
          continue; // procfs skips a zone whose sensor answers ENODATA or EAGAIN
        }
        throw e;
      }
    }
    MetricSink.Family cur =
        sink.family(
            "node_cooling_device_cur_state",
            MetricType.GAUGE,
            "Current throttle state of the cooling device");
    MetricSink.Family max =
        sink.family(
            "node_cooling_device_max_state",
            MetricType.GAUGE,
            "Maximum throttle state of the cooling device");
    for (String device : glob(thermal, "cooling_device")) {
      Path dir = thermal.resolve(device);
      String type = HostFiles.readTrimmed(dir.resolve("type"));
      long maxState = parseLong(dir.resolve("max_state"));
      long curState = parseLong(dir.resolve("cur_state"));
      String name = device.substring("cooling_device".length());
      cur.add(curState, "name", name, "type", type);
      max.add(maxState, "name", name, "type", type);
    }
  }

  /**
   * Go's {@code filepath.Glob(dir + "/" + prefix + "[0-9]*")}: sorted, empty when dir is absent.
   */
  private static List<String> glob(Path dir, String prefix) throws IOException {
    List<String> names;
    try {
      names = SysFiles.list(dir);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<String> matches = new ArrayList<>();
    for (String name : names) {
      if (name.length() > prefix.length()
          && name.startsWith(prefix)
          && Character.isDigit(name.charAt(prefix.length()))) {
        matches.add(name);
      }
    }
    return matches;
  }

  private static long parseLong(Path file) throws IOException {
    String text = HostFiles.readTrimmed(file);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": not an integer: " + text, e);
    }
  }

  private static boolean isTransient(IOException e) {
    String message = e.getMessage();
    return message != null
        && (message.endsWith("No data available")
            || message.endsWith("Resource temporarily unavailable"));
  }
}
