package dev.jalloy.component.prometheus.exporter.unix;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code process_*} families client_golang's process collector gives node_exporter when {@code
 * include_exporter_metrics} is on, read from the exporter's own {@code /proc/self} (not from {@code
 * procfs_path}, which may be another host's). The {@code go_*} and {@code promhttp_*} families have
 * no meaning for a JVM and are not emitted.
 */
final class ProcessMetrics {
  private ProcessMetrics() {}

  private static final Path SELF = Path.of("/proc/self");
  private static final double CLOCK_TICKS = 100; // USER_HZ, 100 on every Linux architecture

  /** A sink with the process families; families whose file cannot be read are left out. */
  static MetricSink read() {
    MetricSink sink = new MetricSink();
    try {
      String stat = HostFiles.readTrimmed(SELF.resolve("stat"));
      // fields after the command name, which may contain spaces, start after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      sink.counter(
          "process_cpu_seconds_total",
          "Total user and system CPU time spent in seconds.",
          (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS);
      sink.gauge(
          "process_virtual_memory_bytes",
          "Virtual memory size in bytes.",
          Double.parseDouble(f[20]));
      long bootTime = bootTime();
      sink.gauge(
          "process_start_time_seconds",
          "Start time of the process since unix epoch in seconds.",
          bootTime + Long.parseLong(f[19]) / CLOCK_TICKS);
    } catch (IOException | RuntimeException e) {
      // not Linux, or a format this code does not know: no process metrics
    }
    for (String line : lines(SELF.resolve("status"))) {
      if (line.startsWith("VmRSS:")) {
        sink.gauge(
            "process_resident_memory_bytes",
            "Resident memory size in bytes.",
            Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0);
      }
    }
    for (String line : lines(SELF.resolve("limits"))) {
      if (line.startsWith("Max open files")) {
        sink.gauge(
            "process_max_fds",
            "Maximum number of open file descriptors.",
            Double.parseDouble(line.substring(26).strip().split("\\s+")[0]));
      }
    }
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(SELF.resolve("fd"))) {
      int n = 0;
      for (Path ignored : fds) {
        n++;
      }
      sink.gauge("process_open_fds", "Number of open file descriptors.", n);
    } catch (IOException e) {
      // not Linux
    }
    return sink;
  }

  private static long bootTime() throws IOException {
    for (String line : HostFiles.readLines(Path.of("/proc/stat"))) {
      if (line.startsWith("btime ")) {
        return Long.parseLong(line.substring(6).strip());
      }
    }
    throw new IOException("no btime in /proc/stat");
  }

  private static List<String> lines(Path file) {
    try {
      return HostFiles.readLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
