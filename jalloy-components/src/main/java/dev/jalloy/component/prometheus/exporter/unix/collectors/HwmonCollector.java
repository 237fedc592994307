package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * node_exporter's {@code hwmon} collector ({@code collector/hwmon_linux.go}): the sensors of every
 * chip under {@code /sys/class/hwmon}, named {@code <type><n>_<property>} by the kernel, with the
 * chip named after its device path, its {@code name} file or its {@code hwmonN} directory.
 */
public final class HwmonCollector implements NodeCollector {
  private static final java.util.regex.Pattern FILENAME =
      java.util.regex.Pattern.compile("^([^0-9]+)([0-9]*)?(_(.+))?$");
  private static final java.util.regex.Pattern INVALID_CHARS =
      java.util.regex.Pattern.compile("[^a-z0-9:_]");
  private static final Set<String> SENSOR_TYPES =
      Set.of(
          "vrm",
          "beep_enable",
          "update_interval",
          "in",
          "cpu",
          "fan",
          "pwm",
          "temp",
          "curr",
          "power",
          "energy",
          "humidity",
          "intrusion");

  private final HostPaths paths;
  private final Optional<Pattern> chipInclude;
  private final Optional<Pattern> chipExclude;

  /**
   * @param paths where the host's sysfs is
   * @param chipInclude only chips whose name matches ({@code chip_include})
   * @param chipExclude no chip whose name matches ({@code chip_exclude})
   */
  public HwmonCollector(
      HostPaths paths, Optional<Pattern> chipInclude, Optional<Pattern> chipExclude) {
    this.paths = paths;
    this.chipInclude = chipInclude;
    this.chipExclude = chipExclude;
  }

  @Override
  public String name() {
    return "hwmon";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path hwmon = paths.sys("class", "hwmon");
    List<String> entries;
    try {
      entries = SysFiles.list(hwmon);
    } catch (NoSuchFileException e) {
      throw new NoDataException("hwmon collector metrics are not available for this system");
    }
    IOException last = null;
    for (String entry : entries) {
      Path dir = hwmon.resolve(entry);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try {
        collectChip(sink, dir);
      } catch (IOException e) {
        last = e;
      }
    }
    if (last != null) {
      throw last;
    }
  }

  private void collectChip(MetricSink sink, Path dir) throws IOException {
    String chip = chipName(dir);
    if (chipExclude.isPresent() && chipExclude.get().matcher(chip).find()
        || chipInclude.isPresent() && !chipInclude.get().matcher(chip).find()) {
      return;
    }
    Map<String, Map<String, String>> data = new TreeMap<>();
    sensorData(dir, data);
    Path device = dir.resolve("device");
    if (Files.exists(device)) {
      sensorData(device, data);
    }
    String humanName = cleanName(readRaw(dir.resolve("name")));
    if (!humanName.isEmpty()) {
      sink.gauge(
          "node_hwmon_chip_names",
          "Annotation metric for human-readable chip names",
          1,
          "chip",
          chip,
          "chip_name",
          humanName);
    }
    for (Map.Entry<String, Map<String, String>> e : data.entrySet()) {
      emitSensor(sink, chip, e.getKey(), e.getValue());
    }
  }

  private static void emitSensor(
      MetricSink sink, String chip, String sensor, Map<String, String> values) {
    Matcher m = FILENAME.matcher(sensor);
    String type = m.matches() ? m.group(1) : sensor;
    String label = values.get("label");
    if (label != null) {
      sink.gauge(
          "node_hwmon_sensor_label",
          "Label for given chip and sensor",
          1,
          "chip",
          chip,
          "sensor",
          sensor,
          "label",
          label);
    }
    switch (type) {
      case "beep_enable" -> {
        sink.gauge(
            "node_hwmon_beep_enabled",
            "Hardware beep enabled",
            "1".equals(values.get("")) ? 1 : 0,
            "chip",
            chip,
            "sensor",
            sensor);
        return;
      }
      case "vrm" -> {
        Double v = SysFiles.parseFloat(values.get(""));
        if (v != null) {
          sink.gauge(
              "node_hwmon_voltage_regulator_version",
              "Hardware voltage regulator",
              v,
              "chip",
              chip,
              "sensor",
              sensor);
        }
        return;
      }
      case "update_interval" -> {
        Double v = SysFiles.parseFloat(values.get(""));
        if (v != null) {
          sink.gauge(
              "node_hwmon_update_interval_seconds",
              "Hardware monitor update interval",
              v * 0.001,
              "chip",
              chip,
              "sensor",
              sensor);
        }
        return;
      }
      default -> {}
    }
    String prefix = "node_hwmon_" + type;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String element = e.getKey();
      if (element.equals("label")) {
        continue;
      }
      String name = prefix;
      if (element.equals("input")) {
        if (values.containsKey("")) {
          name = name + "_input"; // the bare file is the value; input is then a separate reading
        }
      } else if (!element.isEmpty()) {
        name = name + "_" + cleanName(element);
      }
      Double parsed = SysFiles.parseFloat(e.getValue());
      if (parsed == null) {
        continue;
      }
      double v = parsed;
      MetricType gauge = MetricType.GAUGE;
      String help;
      if (element.equals("fault") || element.equals("alarm")) {
        help = "Hardware sensor " + element + " status (" + type + ")";
      } else if (element.equals("beep")) {
        name = name + "_enabled";
        help = "Hardware monitor sensor has beeping enabled";
      } else if (type.equals("in") || type.equals("cpu")) {
        name = name + "_volts";
        help = "Hardware monitor for voltage (" + element + ")";
        v = v * 0.001;
      } else if (type.equals("temp") && !element.equals("type")) {
        name = name + "_celsius";
        help = "Hardware monitor for temperature (" + (element.isEmpty() ? "input" : element) + ")";
        v = v * 0.001;
      } else if (type.equals("curr")) {
        name = name + "_amps";
        help = "Hardware monitor for current (" + element + ")";
        v = v * 0.001;
      } else if (type.equals("energy")) {
        sink.counter(
            name + "_joule_total",
            "Hardware monitor for joules used so far (" + element + ")",
            v / 1000000.0,
            "chip",
            chip,
            "sensor",
            sensor);
        continue;
      } else if (type.equals("power") && element.equals("accuracy")) {
        help = "Hardware monitor power meter accuracy, as a ratio";
        v = v / 1000000.0;
      } else if (type.equals("power")
          && (element.equals("average_interval")
              || element.equals("average_interval_min")
              || element.equals("average_interval_max"))) {
        name = name + "_seconds";
        help = "Hardware monitor power usage update interval (" + element + ")";
        v = v * 0.001;
      } else if (type.equals("power")) {
        name = name + "_watt";
        help = "Hardware monitor for power usage in watts (" + element + ")";
        v = v / 1000000.0;
      } else if (type.equals("humidity")) {
        help =
            "Hardware monitor for humidity, as a ratio (multiply with 100.0 to get the humidity"
                + " as a percentage) ("
                + element
                + ")";
        v = v / 1000000.0;
      } else if (type.equals("fan")
          && (element.equals("input")
              || element.equals("min")
              || element.equals("max")
              || element.equals("target"))) {
        name = name + "_rpm";
        help = "Hardware monitor for fan revolutions per minute (" + element + ")";
      } else {
        help = "Hardware monitor " + type + " element " + element;
      }
      sink.family(name, gauge, help).add(v, "chip", chip, "sensor", sensor);
    }
  }

  /** Reads every {@code <type><n>_<property>} file of a known sensor type in {@code dir}. */
  private static void sensorData(Path dir, Map<String, Map<String, String>> data)
      throws IOException {
    for (String file : SysFiles.list(dir)) {
      Matcher m = FILENAME.matcher(file);
      if (!m.matches() || !SENSOR_TYPES.contains(m.group(1))) {
        continue;
      }
      int number;
      try {
        number = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2));
      } catch (NumberFormatException e) {
        continue;
      }
      String value = readRaw(dir.resolve(file));
      if (value == null) {
        continue;
      }
      String property = m.group(4) == null ? "" : m.group(4);
      data.computeIfAbsent(m.group(1) + number, k -> new TreeMap<>()).put(property, value);
    }
  }

  /** The file without its surrounding newlines (hwmon keeps other whitespace), or null. */
  private static String readRaw(Path file) {
    try {
      String s = HostFiles.readWhole(file);
      int start = 0;
      int end = s.length();
      while (start < end && s.charAt(start) == '\n') {
        start++;
      }
      while (end > start && s.charAt(end - 1) == '\n') {
        end--;
      }
      return s.substring(start, end);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The chip label: the device's bus and name ({@code platform_coretemp_0}), else the {@code name}
   * file, else the {@code hwmonN} directory.
   */
  private static String chipName(Path dir) throws IOException {
    Path device = dir.resolve("device");
    if (Files.exists(device)) {
      Path real = device.toRealPath();
      String devName = cleanName(real.getFileName().toString());
      Path parent = real.getParent();
      String devType =
          parent == null || parent.getFileName() == null
              ? ""
              : cleanName(parent.getFileName().toString());
      if (!devType.isEmpty() && !devName.isEmpty()) {
        return devType + "_" + devName;
      }
      if (!devName.isEmpty()) {
        return devName;
      }
    }
    String name = cleanName(readRaw(dir.resolve("name")));
    if (!name.isEmpty()) {
      return name;
    }
    Path real = dir.toRealPath(LinkOption.values());
    String last = cleanName(real.getFileName().toString());
    if (!last.isEmpty()) {
      return last;
    }
    throw new IOException("Could not derive a monitoring name for " + dir);
  }

  /** node_exporter's {@code cleanMetricName}: lower case, [a-z0-9:_] only, no outer underscores. */
  static String cleanName(String name) {
    if (name == null) {
      return "";
    }
    String replaced =
        INVALID_CHARS.matcher(name.toLowerCase(java.util.Locale.ROOT)).replaceAll("_");
    int start = 0;
    int end = replaced.length();
    while (start < end && replaced.charAt(start) == '_') {
      start++;
    }
    while (end > start && replaced.charAt(end - 1) == '_') {
      end--;
    }
    return replaced.substring(start, end);
  }
}
