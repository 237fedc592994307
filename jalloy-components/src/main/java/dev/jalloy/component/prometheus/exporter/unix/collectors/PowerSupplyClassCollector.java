package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's {@code powersupplyclass} collector ({@code collector/powersupplyclass_linux.go}
 * with procfs's {@code class_power_supply.go}): every attribute of every {@code
 * /sys/class/power_supply/<supply>}, micro-units scaled to base units, tenths of a degree to
 * degrees, text attributes as labels of {@code node_power_supply_info}.
 */
public final class PowerSupplyClassCollector implements NodeCollector {
  /** node_exporter's {@code --collector.powersupply.ignored-supplies} default. */
  public static final String DEFAULT_IGNORED_SUPPLIES = "^$";

  /** Integer attributes: file, metric suffix (null: parsed but not exported), divisor. */
  private static final Object[][] NUMBERS = {
    {"authentic", "authentic", 1.0},
    {"calibrate", "calibrate", 1.0},
    {"capacity", "capacity", 1.0},
    {"capacity_alert_max", "capacity_alert_max", 1.0},
    {"capacity_alert_min", "capacity_alert_min", 1.0},
    {"cycle_count", "cyclecount", 1.0},
    {"online", "online", 1.0},
    {"present", "present", 1.0},
    {"time_to_empty_now", "time_to_empty_seconds", 1.0},
    {"time_to_full_now", "time_to_full_seconds", 1.0},
    {"current_boot", "current_boot", 1e6},
    {"current_max", "current_max", 1e6},
    {"current_now", "current_ampere", 1e6},
    {"energy_empty", "energy_empty", 1e6},
    {"energy_empty_design", "energy_empty_design", 1e6},
    {"energy_full", "energy_full", 1e6},
    {"energy_full_design", "energy_full_design", 1e6},
    {"energy_now", "energy_watthour", 1e6},
    {"voltage_boot", "voltage_boot", 1e6},
    {"voltage_max", "voltage_max", 1e6},
    {"voltage_max_design", "voltage_max_design", 1e6},
    {"voltage_min", "voltage_min", 1e6},
    {"voltage_min_design", "voltage_min_design", 1e6},
    {"voltage_now", "voltage_volt", 1e6},
    {"voltage_ocv", "voltage_ocv", 1e6},
    {"charge_control_limit", "charge_control_limit", 1e6},
    {"charge_control_limit_max", "charge_control_limit_max", 1e6},
    {"charge_counter", "charge_counter", 1e6},
    {"charge_empty", "charge_empty", 1e6},
    {"charge_empty_design", "charge_empty_design", 1e6},
    {"charge_full", "charge_full", 1e6},
    {"charge_full_design", "charge_full_design", 1e6},
    {"charge_now", "charge_ampere", 1e6},
    {"charge_term_current", "charge_term_current", 1e6},
    {"constant_charge_current", "constant_charge_current", 1e6},
    {"constant_charge_current_max", "constant_charge_current_max", 1e6},
    {"constant_charge_voltage", "constant_charge_voltage", 1e6},
    {"constant_charge_voltage_max", "constant_charge_voltage_max", 1e6},
    {"precharge_current", "precharge_current", 1e6},
    {"input_current_limit", "input_current_limit", 1e6},
    {"power_now", "power_watt", 1e6},
    {"temp", "temp_celsius", 10.0},
    {"temp_alert_max", "temp_alert_max_celsius", 10.0},
    {"temp_alert_min", "temp_alert_min_celsius", 10.0},
    {"temp_ambient", "temp_ambient_celsius", 10.0},
    {"temp_ambient_max", "temp_ambient_max_celsius", 10.0},
    {"temp_ambient_min", "temp_ambient_min_celsius", 10.0},
    {"temp_max", "temp_max_celsius", 10.0},
    {"temp_min", "temp_min_celsius", 10.0},
    {"charge_avg", null, 1.0},
    {"current_avg", null, 1.0},
    {"energy_avg", null, 1.0},
    {"power_avg", null, 1.0},
    {"time_to_empty_avg", null, 1.0},
    {"time_to_full_avg", null, 1.0},
    {"voltage_avg", null, 1.0},
  };

  private static final List<String> TEXTS =
      List.of(
          "capacity_level",
          "charge_type",
          "health",
          "manufacturer",
          "model_name",
          "serial_number",
          "status",
          "technology",
          "type",
          "usb_type",
          "scope");

  private static final Map<String, Object[]> BY_FILE = new HashMap<>();

  static {
    for (Object[] number : NUMBERS) {
      BY_FILE.put((String) number[0], number);
    }
  }

  private final HostPaths paths;
  private final Pattern ignoredSupplies;

  /**
   * @param paths where the host's sysfs is
   * @param ignoredSupplies supplies to skip ({@code ignored_supplies}, found anywhere in the name)
   */
  public PowerSupplyClassCollector(HostPaths paths, Pattern ignoredSupplies) {
    this.paths = paths;
    this.ignoredSupplies = ignoredSupplies;
  }

  @Override
  public String name() {
    return "powersupplyclass";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path root = paths.sys("class", "power_supply");
    List<String> supplies;
    try {
      supplies = SysFiles.list(root);
    } catch (NoSuchFileException e) {
      throw new NoDataException("no " + root);
    }
    // procfs parses every supply before node_exporter writes: one bad file leaves no metrics
    List<Map<String, String>> parsed = new ArrayList<>();
    for (String supply : supplies) {
      parsed.add(parse(root.resolve(supply)));
    }
    for (int s = 0; s < supplies.size(); s++) {
      String supply = supplies.get(s);
      if (ignoredSupplies.matcher(supply).find()) {
        continue;
      }
      Map<String, String> values = parsed.get(s);
      for (Object[] number : NUMBERS) {
        String raw = values.get((String) number[0]);
        if (raw == null || number[1] == null) {
          continue;
        }
        String metric = (String) number[1];
        double divisor = (Double) number[2];
        double v = Long.parseLong(raw);
        sink.gauge(
            "node_power_supply_" + metric,
            metric + " value of /sys/class/power_supply/<power_supply>.",
            divisor == 1.0 ? v : v / divisor,
            "power_supply",
            supply);
      }
      List<String> labels = new ArrayList<>();
      labels.add("power_supply");
      labels.add(supply);
      for (String text : TEXTS) {
        String value = values.get(text);
        if (value != null && !value.isEmpty()) {
          labels.add(text);
          labels.add(value);
        }
      }
      sink.gauge(
          "node_power_supply_info",
          "info of /sys/class/power_supply/<power_supply>.",
          1,
          labels.toArray(String[]::new));
    }
  }

  /** The supply's known attributes as text; integers checked as procfs does. */
  private static Map<String, String> parse(Path dir) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String file : SysFiles.list(dir)) {
      Object[] number = BY_FILE.get(file);
      if (number == null && !TEXTS.contains(file)) {
        continue;
      }
      Path path = dir.resolve(file);
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String value = SysFiles.readOrNull(path);
      if (value == null) {
        continue;
      }
      if (number != null) {
        try {
          Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IOException(path + ": not an integer: " + value, e);
        }
      }
      values.put(file, value);
    }
    return values;
  }
}
