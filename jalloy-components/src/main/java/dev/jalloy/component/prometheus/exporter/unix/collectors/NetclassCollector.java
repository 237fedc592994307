package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * node_exporter's {@code netclass} collector ({@code collector/netclass_linux.go} with procfs's
 * {@code sysfs/net_class.go}): the attributes of every interface under {@code
 * /sys/class/net/<iface>}. Attributes a driver does not implement (reading {@code speed} of a
 * virtual interface answers {@code EINVAL}) are left out, never an error.
 */
public final class NetclassCollector implements NodeCollector {
  /** node_exporter's {@code --collector.netclass.ignored-devices} default. */
  public static final String DEFAULT_IGNORED_DEVICES = "^$";

  private static final String INFO_HELP =
      "Non-numeric data from /sys/class/net/<iface>, value is always 1.";
  private static final String UP_HELP = "Value is 1 if operstate is 'up', 0 otherwise.";

  /** The integer attributes in procfs's order: file, metric suffix, counter. */
  private static final Attribute[] ATTRIBUTES = {
    new Attribute("addr_assign_type", "address_assign_type", false),
    new Attribute("carrier", "carrier", false),
    new Attribute("carrier_changes", "carrier_changes_total", true),
    new Attribute("carrier_up_count", "carrier_up_changes_total", true),
    new Attribute("carrier_down_count", "carrier_down_changes_total", true),
    new Attribute("dev_id", "device_id", false),
    new Attribute("dormant", "dormant", false),
    new Attribute("flags", "flags", false),
    new Attribute("ifindex", "iface_id", false),
    new Attribute("iflink", "iface_link", false),
    new Attribute("link_mode", "iface_link_mode", false),
    new Attribute("mtu", "mtu_bytes", false),
    new Attribute("name_assign_type", "name_assign_type", false),
    new Attribute("netdev_group", "net_dev_group", false),
    new Attribute("speed", "speed_bytes", false),
    new Attribute("tx_queue_len", "transmit_queue_length", false),
    new Attribute("type", "protocol_type", false),
  };

  private static final int SPEED = 14;

  private final HostPaths paths;
  private final Pattern ignoredDevices;
  private final boolean ignoreInvalidSpeed;

  /**
   * @param paths where the host's sysfs is
   * @param ignoredDevices interfaces to skip ({@code ignored_devices}, found anywhere in the name)
   * @param ignoreInvalidSpeed leave out {@code speed_bytes} when the driver reports a negative
   *     speed ({@code ignore_invalid_speed_device})
   */
  public NetclassCollector(HostPaths paths, Pattern ignoredDevices, boolean ignoreInvalidSpeed) {
    this.paths = paths;
    this.ignoredDevices = ignoredDevices;
    this.ignoreInvalidSpeed = ignoreInvalidSpeed;
  }

  @Override
  public String name() {
    return "netclass";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path netClass = paths.sys("class", "net");
    List<String> devices;
    try {
      devices = SysFiles.listNonRegular(netClass);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new NoDataException("could not read netclass directory: " + e.getMessage());
    }
    MetricSink.Family up = sink.family("node_network_up", MetricType.GAUGE, UP_HELP);
    MetricSink.Family info = sink.family("node_network_info", MetricType.GAUGE, INFO_HELP);
    MetricSink.Family[] families = new MetricSink.Family[ATTRIBUTES.length];
    for (String device : devices) {
      if (ignoredDevices.matcher(device).find()) {
        continue;
      }
      Path dir = netClass.resolve(device);
      String operState = text(dir, "operstate");
      up.add("up".equals(operState) ? 1 : 0, "device", device);
      info.add(
          1,
          "device",
          device,
          "address",
          text(dir, "address"),
          "broadcast",
          text(dir, "broadcast"),
          "duplex",
          text(dir, "duplex"),
          "operstate",
          operState,
          "ifalias",
          text(dir, "ifalias"));
      for (int i = 0; i < ATTRIBUTES.length; i++) {
        Attribute attribute = ATTRIBUTES[i];
        String raw = SysFiles.readOrNull(dir.resolve(attribute.file));
        if (raw == null) {
          continue;
        }
        Long parsed = SysFiles.parseInt(raw);
        long value = parsed == null ? 0 : parsed; // procfs keeps a zero for unparsable text
        double v = value;
        if (i == SPEED) {
          if (value < 0 && ignoreInvalidSpeed) {
            continue;
          }
          v = value * 1000 * 1000 / 8; // Mbit/s to bytes/s, in Go's int64 arithmetic
        }
        if (families[i] == null) {
          families[i] =
              sink.family(
                  "node_network_" + attribute.metric,
                  attribute.counter ? MetricType.COUNTER : MetricType.GAUGE,
                  "Network device property: " + attribute.metric);
        }
        families[i].add(v, "device", device);
      }
    }
  }

  private static String text(Path dir, String file) throws IOException {
    String value = SysFiles.readOrNull(dir.resolve(file));
    return value == null ? "" : value;
  }

  private record Attribute(String file, String metric, boolean counter) {}
}
