package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
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
 * node_exporter's {@code infiniband} collector ({@code collector/infiniband_linux.go} with procfs's
 * {@code class_infiniband.go}): state, rate and counters of every port of every HCA in {@code
 * /sys/class/infiniband}. Data counters count 32-bit words per lane and are multiplied by four, as
 * Mellanox documents; a counter reading {@code N/A (no PMA)} is left out.
 */
public final class InfinibandCollector implements NodeCollector {
  /** Directory, file, metric suffix, help; data counters are multiplied by four. */
  private static final String[][] COUNTERS = {
    {
      "counters_ext",
      "port_multicast_rcv_packets",
      "legacy_multicast_packets_received_total",
      "Number of multicast packets received"
    },
    {
      "counters_ext",
      "port_multicast_xmit_packets",
      "legacy_multicast_packets_transmitted_total",
      "Number of multicast packets transmitted"
    },
    {
      "counters_ext",
      "port_rcv_data_64",
      "legacy_data_received_bytes_total",
      "Number of data octets received on all links"
    },
    {
      "counters_ext",
      "port_rcv_packets_64",
      "legacy_packets_received_total",
      "Number of data packets received on all links"
    },
    {
      "counters_ext",
      "port_unicast_rcv_packets",
      "legacy_unicast_packets_received_total",
      "Number of unicast packets received"
    },
    {
      "counters_ext",
      "port_unicast_xmit_packets",
      "legacy_unicast_packets_transmitted_total",
      "Number of unicast packets transmitted"
    },
    {
      "counters_ext",
      "port_xmit_data_64",
      "legacy_data_transmitted_bytes_total",
      "Number of data octets transmitted on all links"
    },
    {
      "counters_ext",
      "port_xmit_packets_64",
      "legacy_packets_transmitted_total",
      "Number of data packets received on all links"
    },
    {
      "counters",
      "excessive_buffer_overrun_errors",
      "excessive_buffer_overrun_errors_total",
      "Number of times that OverrunErrors consecutive flow control update periods occurred, each"
          + " having at least one overrun error."
    },
    {
      "counters",
      "link_downed",
      "link_downed_total",
      "Number of times the link failed to recover from an error state and went down"
    },
    {
      "counters",
      "link_error_recovery",
      "link_error_recovery_total",
      "Number of times the link successfully recovered from an error state"
    },
    {
      "counters",
      "local_link_integrity_errors",
      "local_link_integrity_errors_total",
      "Number of times that the count of local physical errors exceeded the threshold specified"
          + " by LocalPhyErrors."
    },
    {
      "counters",
      "multicast_rcv_packets",
      "multicast_packets_received_total",
      "Number of multicast packets received (including errors)"
    },
    {
      "counters",
      "multicast_xmit_packets",
      "multicast_packets_transmitted_total",
      "Number of multicast packets transmitted (including errors)"
    },
    {
      "counters",
      "port_rcv_constraint_errors",
      "port_constraint_errors_received_total",
      "Number of packets received on the switch physical port that are discarded"
    },
    {
      "counters",
      "port_xmit_constraint_errors",
      "port_constraint_errors_transmitted_total",
      "Number of packets not transmitted from the switch physical port"
    },
    {
      "counters",
      "port_rcv_data",
      "port_data_received_bytes_total",
      "Number of data octets received on all links"
    },
    {
      "counters",
      "port_xmit_data",
      "port_data_transmitted_bytes_total",
      "Number of data octets transmitted on all links"
    },
    {
      "counters",
      "port_rcv_discards",
      "port_discards_received_total",
      "Number of inbound packets discarded by the port because the port is down or congested"
    },
    {
      "counters",
      "port_xmit_discards",
      "port_discards_transmitted_total",
      "Number of outbound packets discarded by the port because the port is down or congested"
    },
    {
      "counters",
      "port_rcv_errors",
      "port_errors_received_total",
      "Number of packets containing an error that were received on this port"
    },
    {
      "counters",
      "port_rcv_packets",
      "port_packets_received_total",
      "Number of packets received on all VLs by this port (including errors)"
    },
    {
      "counters",
      "port_xmit_packets",
      "port_packets_transmitted_total",
      "Number of packets transmitted on all VLs from this port (including errors)"
    },
    {
      "counters",
      "port_xmit_wait",
      "port_transmit_wait_total",
      "Number of ticks during which the port had data to transmit but no data was sent during the"
          + " entire tick"
    },
    {
      "counters",
      "port_rcv_remote_physical_errors",
      "port_receive_remote_physical_errors_total",
      "Number of packets marked with the EBP (End of Bad Packet) delimiter received on the port."
    },
    {
      "counters",
      "port_rcv_switch_relay_errors",
      "port_receive_switch_relay_errors_total",
      "Number of packets that could not be forwarded by the switch."
    },
    {
      "counters",
      "symbol_error",
      "symbol_error_total",
      "Number of minor link errors detected on one or more physical lanes."
    },
    {
      "counters",
      "unicast_rcv_packets",
      "unicast_packets_received_total",
      "Number of unicast packets received (including errors)"
    },
    {
      "counters",
      "unicast_xmit_packets",
      "unicast_packets_transmitted_total",
      "Number of unicast packets transmitted (including errors)"
    },
    {
      "counters",
      "VL15_dropped",
      "vl15_dropped_total",
      "Number of incoming VL15 packets dropped due to resource limitations."
    },
  };

  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public InfinibandCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "infiniband";
  }

  private record Port(
      String device,
      String port,
      long state,
      long physState,
      double rate,
      Map<String, Long> counters) {}

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path root = paths.sys("class", "infiniband");
    List<String[]> infos = new ArrayList<>();
    List<Port> ports = new ArrayList<>();
    try {
      for (String device : SysFiles.list(root)) {
        Path dir = root.resolve(device);
        infos.add(
            new String[] {
              "device", device,
              "board_id", HostFiles.readTrimmed(dir.resolve("board_id")),
              "firmware_version", HostFiles.readTrimmed(dir.resolve("fw_ver")),
              "hca_type", HostFiles.readTrimmed(dir.resolve("hca_type")),
            });
        Path portsDir = dir.resolve("ports");
        for (String port : SysFiles.list(portsDir)) {
          ports.add(port(device, port, portsDir.resolve(port)));
        }
      }
    } catch (NoSuchFileException e) {
      throw new NoDataException("infiniband statistics not found, skipping: " + e.getFile());
    }
    for (String[] info : infos) {
      sink.gauge(
          "node_infiniband_info",
          "Non-numeric data from /sys/class/infiniband/<device>, value is always 1.",
          1,
          info);
    }
    for (Port port : ports) {
      sink.gauge(
          "node_infiniband_state_id",
          "State of the InfiniBand port (0: no change, 1: down, 2: init, 3: armed, 4: active, 5:"
              + " act defer)",
          port.state,
          "device",
          port.device,
          "port",
          port.port);
      sink.gauge(
          "node_infiniband_physical_state_id",
          "Physical state of the InfiniBand port (0: no change, 1: sleep, 2: polling, 3: disable,"
              + " 4: shift, 5: link up, 6: link error recover, 7: phytest)",
          port.physState,
          "device",
          port.device,
          "port",
          port.port);
      sink.gauge(
          "node_infiniband_rate_bytes_per_second",
          "Maximum signal transfer rate",
          port.rate,
          "device",
          port.device,
          "port",
          port.port);
      for (String[] counter : COUNTERS) {
        Long value = port.counters.get(counter[0] + "/" + counter[1]);
        if (value != null) {
          sink.counter(
              "node_infiniband_" + counter[2],
              counter[3],
              FibrechannelCollector.unsigned(value),
              "device",
              port.device,
              "port",
              port.port);
        }
      }
    }
  }

  private static Port port(String device, String port, Path dir) throws IOException {
    try {
      Long.parseUnsignedLong(port);
    } catch (NumberFormatException e) {
      throw new IOException("failed to convert " + port + " into uint", e);
    }
    long state = state(dir.resolve("state"));
    long physState = state(dir.resolve("phys_state"));
    double rate = rate(dir.resolve("rate"));
    Map<String, Long> counters = new HashMap<>();
    counters(dir, "counters", counters, true);
    counters(dir, "counters_ext", counters, false);
    return new Port(device, port, state, physState, rate, counters);
  }

  private static void counters(Path port, String name, Map<String, Long> into, boolean required)
      throws IOException {
    Path dir = port.resolve(name);
    List<String> files;
    try {
      files = SysFiles.list(dir);
    } catch (NoSuchFileException e) {
      if (required) {
        throw e;
      }
      return;
    }
    for (String file : files) {
      Path path = dir.resolve(file);
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String value = SysFiles.readOrNull(path);
      if (value == null) {
        continue;
      }
      long parsed;
      try {
        parsed = FibrechannelCollector.parseUnsigned(path, value);
      } catch (IOException e) {
        if (value.contains("N/A (no PMA)")) {
          continue; // old kernels for counters the adapter does not have
        }
        throw e;
      }
      if (file.equals("port_rcv_data")
          || file.equals("port_xmit_data")
          || file.equals("port_rcv_data_64")
          || file.equals("port_xmit_data_64")) {
        parsed *= 4; // counted per lane in 32-bit words
      }
      into.put(name + "/" + file, parsed);
    }
  }

  /** {@code "4: ACTIVE"} to 4. */
  private static long state(Path file) throws IOException {
    String text = HostFiles.readWhole(file);
    String[] parts = text.split(":", -1);
    if (parts.length != 2) {
      throw new IOException("failed to split " + text + " into 'ID: NAME'");
    }
    try {
      return Long.parseUnsignedLong(parts[0].strip());
    } catch (NumberFormatException e) {
      throw new IOException("failed to convert " + parts[0].strip() + " into uint", e);
    }
  }

  /** {@code "100 Gb/sec (4X EDR)"} in bytes per second. */
  private static double rate(Path file) throws IOException {
    String text = HostFiles.readWhole(file);
    int space = text.indexOf(' ');
    if (space < 0) {
      throw new IOException("failed to split " + text);
    }
    try {
      float gigabits = Float.parseFloat(text.substring(0, space).strip());
      return (double) (long) ((double) gigabits * 125000000);
    } catch (NumberFormatException e) {
      throw new IOException("failed to convert " + text.substring(0, space) + " into uint", e);
    }
  }
}
