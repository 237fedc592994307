package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * node_exporter's {@code schedstat} collector: per-CPU run and wait time and timeslices from the
 * {@code cpu<N>} lines of {@code /proc/schedstat}. Kernels without schedstats have no file: no
 * data.
 */
public final class SchedstatCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code schedstat} under {@code paths.procfs()}. */
  public SchedstatCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "schedstat";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String text;
    try {
      text = HostFiles.readWhole(paths.proc("schedstat"));
    } catch (NoSuchFileException e) {
      throw new NoDataException("schedstat file does not exist");
    }
    MetricSink.Family running =
        sink.family(
            "node_schedstat_running_seconds_total",
            MetricType.COUNTER,
            "Number of seconds CPU spent running a process.");
    MetricSink.Family waiting =
        sink.family(
            "node_schedstat_waiting_seconds_total",
            MetricType.COUNTER,
            "Number of seconds spent by processing waiting for this CPU.");
    MetricSink.Family timeslices =
        sink.family(
            "node_schedstat_timeslices_total",
            MetricType.COUNTER,
            "Number of timeslices executed by CPU.");
    for (String line : ProcText.lines(text)) {
      if (!line.startsWith("cpu")) {
        continue;
      }
      String[] f = line.split(" ", -1);
      // procfs matches `^cpu(\d+) (\d+) ... (\d+)`: the CPU number and at least nine numbers
      if (f.length < 10 || !digits(f[0], 3)) {
        continue;
      }
      boolean ok = true;
      for (int i = 1; i < 10; i++) {
        ok &= digits(f[i], 0);
      }
      if (!ok) {
        continue;
      }
      String cpu = f[0].substring(3);
      running.add(ProcText.u64(f[7]) / 1e9, "cpu", cpu);
      waiting.add(ProcText.u64(f[8]) / 1e9, "cpu", cpu);
      timeslices.add(ProcText.u64(f[9]), "cpu", cpu);
    }
  }

  private static boolean digits(String s, int from) {
    if (s.length() <= from) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
