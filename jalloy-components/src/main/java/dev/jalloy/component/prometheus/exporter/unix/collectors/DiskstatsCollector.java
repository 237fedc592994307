package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * node_exporter's {@code diskstats} collector: {@code /proc/diskstats} per block device, with
 * sectors as bytes (512-byte units whatever the device's sector size, as the kernel counts) and
 * milliseconds as seconds, plus {@code node_disk_info} from udev's database ({@code
 * b<major>:<minor>} files). Kernels before 4.18 have no discard fields and before 5.5 no flush
 * fields; those families are then not written.
 */
public final class DiskstatsCollector implements NodeCollector {
  /** node_exporter's {@code --collector.diskstats.device-exclude} default. */
  public static final String DEFAULT_DEVICE_EXCLUDE =
      "^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";

  private static final double SECTOR_SIZE = 512;
  private static final double MS = 0.001;

  private record Desc(String name, MetricType type, String help, double scale) {}

  private static final Desc[] DESCS = {
    new Desc(
        "node_disk_reads_completed_total",
        MetricType.COUNTER,
        "The total number of reads completed successfully.",
        1),
    new Desc(
        "node_disk_reads_merged_total", MetricType.COUNTER, "The total number of reads merged.", 1),
    new Desc(
        "node_disk_read_bytes_total",
        MetricType.COUNTER,
        "The total number of bytes read successfully.",
        SECTOR_SIZE),
    new Desc(
        "node_disk_read_time_seconds_total",
        MetricType.COUNTER,
        "The total number of seconds spent by all reads.",
        MS),
    new Desc(
        "node_disk_writes_completed_total",
        MetricType.COUNTER,
        "The total number of writes completed successfully.",
        1),
    new Desc(
        "node_disk_writes_merged_total", MetricType.COUNTER, "The number of writes merged.", 1),
    new Desc(
        "node_disk_written_bytes_total",
        MetricType.COUNTER,
        "The total number of bytes written successfully.",
        SECTOR_SIZE),
    new Desc(
        "node_disk_write_time_seconds_total",
        MetricType.COUNTER,
        "This is the total number of seconds spent by all writes.",
        MS),
    new Desc("node_disk_io_now", MetricType.GAUGE, "The number of I/Os currently in progress.", 1),
    new Desc(
        "node_disk_io_time_seconds_total",
        MetricType.COUNTER,
        "Total seconds spent doing I/Os.",
        MS),
    new Desc(
        "node_disk_io_time_weighted_seconds_total",
        MetricType.COUNTER,
        "The weighted # of seconds spent doing I/Os.",
        MS),
    new Desc(
        "node_disk_discards_completed_total",
        MetricType.COUNTER,
        "The total number of discards completed successfully.",
        1),
    new Desc(
        "node_disk_discards_merged_total",
        MetricType.COUNTER,
        "The total number of discards merged.",
        1),
    new Desc(
        "node_disk_discarded_sectors_total",
        MetricType.COUNTER,
        "The total number of sectors discarded successfully.",
        1),
    new Desc(
        "node_disk_discard_time_seconds_total",
        MetricType.COUNTER,
        "This is the total number of seconds spent by all discards.",
        MS),
    new Desc(
        "node_disk_flush_requests_total",
        MetricType.COUNTER,
        "The total number of flush requests completed successfully",
        1),
    new Desc(
        "node_disk_flush_requests_time_seconds_total",
        MetricType.COUNTER,
        "This is the total number of seconds spent by all flush requests.",
        MS),
  };

  private final HostPaths paths;
  private final DeviceFilter devices;
  private final Map<String, Boolean> ignored = new HashMap<>();

  /**
   * Reads {@code diskstats} under {@code paths.procfs()} and udev data under {@code
   * paths.udevData()}.
   *
   * @param devices Alloy's {@code device_include} / {@code device_exclude}; node_exporter's default
   *     excludes {@link #DEFAULT_DEVICE_EXCLUDE}
   */
  public DiskstatsCollector(HostPaths paths, DeviceFilter devices) {
    this.paths = paths;
    this.devices = devices;
  }

  @Override
  public String name() {
    return "diskstats";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String text = HostFiles.readWhole(paths.proc("diskstats"));
    MetricSink.Family info =
        sink.family("node_disk_info", MetricType.GAUGE, "Info of /sys/block/<block_device>.");
    MetricSink.Family[] families = new MetricSink.Family[DESCS.length];
    for (String line : ProcText.lines(text)) {
      String[] f = ProcText.fields(line);
      if (f.length == 0) {
        continue;
      }
      if (f.length < 3) {
        throw new IOException("couldn't get diskstats: invalid line: " + line);
      }
      // procfs keeps records of 4, 7, 14, 18 or 20 fields (the layouts kernels have written)
      int count = Math.min(f.length, 20);
      if (count != 4 && count != 7 && count != 14 && count != 18 && count != 20) {
        continue;
      }
      String device = f[2];
      if (ignored.computeIfAbsent(device, devices::ignored)) {
        continue;
      }
      String major = Long.toString(Long.parseUnsignedLong(f[0]));
      String minor = Long.toString(Long.parseUnsignedLong(f[1]));
      Map<String, String> udev = udevProperties(major, minor);
      info.add(
          1,
          "device",
          device,
          "major",
          major,
          "minor",
          minor,
          "path",
          udev.getOrDefault("ID_PATH", ""),
          "wwn",
          udev.getOrDefault("ID_WWN", ""),
          "model",
          udev.getOrDefault("ID_MODEL", ""),
          "serial",
          udev.getOrDefault("ID_SERIAL_SHORT", ""),
          "revision",
          udev.getOrDefault("ID_REVISION", ""));
      int stats = count - 3;
      for (int i = 0; i < stats && i < DESCS.length; i++) {
        Desc d = DESCS[i];
        if (families[i] == null) {
          families[i] = sink.family(d.name, d.type, d.help);
        }
        double v = ProcText.u64(f[i + 3]);
        families[i].add(d.scale == 1 ? v : v * d.scale, "device", device);
      }
    }
  }

  private Map<String, String> udevProperties(String major, String minor) {
    String text;
    try {
      text = HostFiles.readWhole(paths.udevData().resolve("b" + major + ":" + minor));
    } catch (IOException e) {
      return Map.of(); // node_exporter logs at debug and writes empty labels
    }
    Map<String, String> props = new HashMap<>();
    for (String line : ProcText.lines(text)) {
      if (!line.startsWith("E:")) {
        continue;
      }
      int eq = line.indexOf('=', 2);
      if (eq > 0) {
        props.put(line.substring(2, eq), line.substring(eq + 1));
      }
    }
    return props;
  }
}
