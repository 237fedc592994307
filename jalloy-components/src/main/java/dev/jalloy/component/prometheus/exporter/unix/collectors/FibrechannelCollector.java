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
 * node_exporter's {@code fibrechannel} collector ({@code collector/fibrechannel_linux.go} with
 * procfs's {@code class_fibrechannel.go}): attributes and statistics of every HBA port in {@code
 * /sys/class/fc_host}. A counter reading all ones is not implemented by the firmware and is left
 * out.
 */
public final class FibrechannelCollector implements NodeCollector {
  private static final String[] ATTRIBUTES = {
    "speed",
    "port_state",
    "port_type",
    "node_name",
    "port_id",
    "port_name",
    "fabric_name",
    "dev_loss_tmo",
    "symbolic_name",
    "supported_classes",
    "supported_speeds",
  };

  /** Statistics file, metric suffix, help. */
  private static final String[][] COUNTERS = {
    {"dumped_frames", "dumped_frames_total", "Number of dumped frames"},
    {"error_frames", "error_frames_total", "Number of errors in frames"},
    {"invalid_crc_count", "invalid_crc_total", "Invalid Cyclic Redundancy Check count"},
    {"rx_frames", "rx_frames_total", "Number of frames received"},
    {"rx_words", "rx_words_total", "Number of words received by host port"},
    {"tx_frames", "tx_frames_total", "Number of frames transmitted by host port"},
    {"tx_words", "tx_words_total", "Number of words transmitted by host port"},
    {
      "seconds_since_last_reset",
      "seconds_since_last_reset_total",
      "Number of seconds since last host port reset"
    },
    {
      "invalid_tx_word_count",
      "invalid_tx_words_total",
      "Number of invalid words transmitted by host port"
    },
    {"link_failure_count", "link_failure_total", "Number of times the host port link has failed"},
    {
      "loss_of_sync_count",
      "loss_of_sync_total",
      "Number of failures on either bit or transmission word boundaries"
    },
    {"loss_of_signal_count", "loss_of_signal_total", "Number of times signal has been lost"},
    {"nos_count", "nos_total", "Number Not_Operational Primitive Sequence received by host port"},
    {"fcp_packet_aborts", "fcp_packet_aborts_total", "Number of aborted packets"},
  };

  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public FibrechannelCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "fibrechannel";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path root = paths.sys("class", "fc_host");
    List<String> hosts;
    try {
      hosts = SysFiles.list(root);
    } catch (NoSuchFileException e) {
      throw new NoDataException("fibrechannel statistics not found, skipping");
    }
    List<Map<String, String>> attributes = new ArrayList<>();
    List<Map<String, Long>> counters = new ArrayList<>();
    for (String host : hosts) {
      Path dir = root.resolve(host);
      Map<String, String> values = new HashMap<>();
      for (String attribute : ATTRIBUTES) {
        String value = HostFiles.readTrimmed(dir.resolve(attribute));
        if (attribute.endsWith("_name") && !attribute.equals("symbolic_name")
            || attribute.equals("port_id")) {
          value = value.length() > 2 ? value.substring(2) : value; // drop the 0x
        }
        values.put(attribute, value);
      }
      attributes.add(values);
      counters.add(statistics(dir.resolve("statistics")));
    }
    for (int h = 0; h < hosts.size(); h++) {
      String host = hosts.get(h);
      Map<String, String> a = attributes.get(h);
      sink.gauge(
          "node_fibrechannel_info",
          "Non-numeric data from /sys/class/fc_host/<host>, value is always 1.",
          1,
          "fc_host",
          host,
          "speed",
          a.get("speed"),
          "port_state",
          a.get("port_state"),
          "port_type",
          a.get("port_type"),
          "port_id",
          a.get("port_id"),
          "port_name",
          a.get("port_name"),
          "fabric_name",
          a.get("fabric_name"),
          "symbolic_name",
          a.get("symbolic_name"),
          "supported_classes",
          a.get("supported_classes"),
          "supported_speeds",
          a.get("supported_speeds"),
          "dev_loss_tmo",
          a.get("dev_loss_tmo"));
      Map<String, Long> c = counters.get(h);
      for (String[] counter : COUNTERS) {
        long value = c.getOrDefault(counter[0], 0L);
        if (value == -1L) {
          continue; // all ones: the firmware does not implement this counter
        }
        sink.counter(
            "node_fibrechannel_" + counter[1], counter[2], unsigned(value), "fc_host", host);
      }
    }
  }

  private static Map<String, Long> statistics(Path dir) throws IOException {
    Map<String, Long> values = new HashMap<>();
    for (String file : SysFiles.list(dir)) {
      Path path = dir.resolve(file);
      if (file.equals("reset_statistics")
          || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String text = SysFiles.readOrNull(path);
      if (text == null) {
        continue; // write-only files
      }
      values.put(file, parseUnsigned(path, text));
    }
    return values;
  }

  /** Go's {@code strconv.ParseUint(s, 0, 64)}, kept in a long's bits. */
  static long parseUnsigned(Path file, String text) throws IOException {
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        return Long.parseUnsignedLong(text.substring(2), 16);
      }
      if (text.length() > 1 && text.startsWith("0")) {
        return Long.parseUnsignedLong(text.substring(1), 8);
      }
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": not an unsigned integer: " + text, e);
    }
  }

  /** The unsigned value of a long's bits as a float64, as Go's {@code float64(uint64)}. */
  static double unsigned(long bits) {
    double v = (double) (bits >>> 1) * 2.0 + (bits & 1);
    return bits >= 0 ? bits : v;
  }
}
