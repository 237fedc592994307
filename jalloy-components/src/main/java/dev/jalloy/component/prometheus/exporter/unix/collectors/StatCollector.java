package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;

/** node_exporter's {@code stat} collector: the system-wide counters of {@code /proc/stat}. */
public final class StatCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code stat} under {@code paths.procfs()}. */
  public StatCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "stat";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String text = HostFiles.readWhole(paths.proc("stat"));
    double intr = 0;
    double ctxt = 0;
    double btime = 0;
    double forks = 0;
    double running = 0;
    double blocked = 0;
    for (String line : ProcText.lines(text)) {
      int sp = line.indexOf(' ');
      if (sp <= 0) {
        continue;
      }
      String key = line.substring(0, sp);
      switch (key) {
        case "intr" -> intr = ProcText.u64(firstValue(line, sp));
        case "ctxt" -> ctxt = ProcText.u64(firstValue(line, sp));
        case "btime" -> btime = ProcText.u64(firstValue(line, sp));
        case "processes" -> forks = ProcText.u64(firstValue(line, sp));
        case "procs_running" -> running = ProcText.u64(firstValue(line, sp));
        case "procs_blocked" -> blocked = ProcText.u64(firstValue(line, sp));
        default -> {}
      }
    }
    sink.counter("node_intr_total", "Total number of interrupts serviced.", intr);
    sink.counter("node_context_switches_total", "Total number of context switches.", ctxt);
    sink.counter("node_forks_total", "Total number of forks.", forks);
    sink.gauge("node_boot_time_seconds", "Node boot time, in unixtime.", btime);
    sink.gauge("node_procs_running", "Number of processes in runnable state.", running);
    sink.gauge(
        "node_procs_blocked", "Number of processes blocked waiting for I/O to complete.", blocked);
  }

  private static String firstValue(String line, int sp) {
    int start = sp;
    while (start < line.length() && line.charAt(start) == ' ') {
      start++;
    }
    int end = line.indexOf(' ', start);
    return line.substring(start, end < 0 ? line.length() : end);
  }
}
