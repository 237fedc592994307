package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's {@code tapestats} collector ({@code collector/tapestats_linux.go} with procfs's
 * {@code class_scsitape.go}): I/O statistics of the SCSI tape drives {@code
 * /sys/class/scsi_tape/stN} (the {@code nstN}, {@code stNa} aliases are the same drive).
 */
public final class TapestatsCollector implements NodeCollector {
  /** node_exporter's {@code --collector.tapestats.ignored-devices} default. */
  public static final String DEFAULT_IGNORED_DEVICES = "^$";

  private static final java.util.regex.Pattern DEVICE =
      java.util.regex.Pattern.compile("^st[0-9]+$");
  private static final double NANOS = 0.000000001;

  private final HostPaths paths;
  private final Pattern ignoredDevices;

  /**
   * @param paths where the host's sysfs is
   * @param ignoredDevices tapes to skip ({@code ignored_devices}, found anywhere in the name)
   */
  public TapestatsCollector(HostPaths paths, Pattern ignoredDevices) {
    this.paths = paths;
    this.ignoredDevices = ignoredDevices;
  }

  @Override
  public String name() {
    return "tapestats";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path root = paths.sys("class", "scsi_tape");
    List<String> entries;
    try {
      entries = SysFiles.list(root);
    } catch (NoSuchFileException e) {
      throw new NoDataException("scsi_tape stats not found, skipping");
    }
    List<String> tapes = new ArrayList<>();
    List<Map<String, Long>> stats = new ArrayList<>();
    for (String entry : entries) {
      if (!DEVICE.matcher(entry).matches()) {
        continue;
      }
      Path dir = root.resolve(entry).resolve("stats");
      Map<String, Long> values = new HashMap<>();
      for (String file : SysFiles.list(dir)) {
        Path path = dir.resolve(file);
        values.put(file, FibrechannelCollector.parseUnsigned(path, HostFiles.readTrimmed(path)));
      }
      tapes.add(entry);
      stats.add(values);
    }
    for (int t = 0; t < tapes.size(); t++) {
      String tape = tapes.get(t);
      if (ignoredDevices.matcher(tape).find()) {
        continue;
      }
      Map<String, Long> s = stats.get(t);
      sink.gauge(
          "node_tape_io_now",
          "The number of I/Os currently outstanding to this device.",
          value(s, "in_flight"),
          "device",
          tape);
      sink.counter(
          "node_tape_io_time_seconds_total",
          "The amount of time spent waiting for all I/O to complete (including read and write)."
              + " This includes tape movement commands such as seeking between file or set marks"
              + " and implicit tape movement such as when rewind on close tape devices are used.",
          value(s, "io_ns") * NANOS,
          "device",
          tape);
      sink.counter(
          "node_tape_io_others_total",
          "The number of I/Os issued to the tape drive other than read or write commands. The"
              + " time taken to complete these commands uses the following calculation"
              + " io_time_seconds_total-read_time_seconds_total-write_time_seconds_total",
          value(s, "other_cnt"),
          "device",
          tape);
      sink.counter(
          "node_tape_read_bytes_total",
          "The number of bytes read from the tape drive.",
          value(s, "read_byte_cnt"),
          "device",
          tape);
      sink.counter(
          "node_tape_reads_completed_total",
          "The number of read requests issued to the tape drive.",
          value(s, "read_cnt"),
          "device",
          tape);
      sink.counter(
          "node_tape_read_time_seconds_total",
          "The amount of time spent waiting for read requests to complete.",
          value(s, "read_ns") * NANOS,
          "device",
          tape);
      sink.counter(
          "node_tape_residual_total",
          "The number of times during a read or write we found the residual amount to be"
              + " non-zero. This should mean that a program is issuing a read larger thean the"
              + " block size on tape. For write not all data made it to tape.",
          value(s, "resid_cnt"),
          "device",
          tape);
      sink.counter(
          "node_tape_written_bytes_total",
          "The number of bytes written to the tape drive.",
          value(s, "write_byte_cnt"),
          "device",
          tape);
      sink.counter(
          "node_tape_writes_completed_total",
          "The number of write requests issued to the tape drive.",
          value(s, "write_cnt"),
          "device",
          tape);
      sink.counter(
          "node_tape_write_time_seconds_total",
          "The amount of time spent waiting for write requests to complete.",
          value(s, "write_ns") * NANOS,
          "device",
          tape);
    }
  }

  private static double value(Map<String, Long> stats, String file) {
    return FibrechannelCollector.unsigned(stats.getOrDefault(file, 0L));
  }
}
