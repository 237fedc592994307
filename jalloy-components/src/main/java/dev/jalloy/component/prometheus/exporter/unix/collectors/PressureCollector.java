package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * node_exporter's {@code pressure} collector: pressure stall information from {@code
 * /proc/pressure/{cpu,io,memory}}, as seconds (the kernel counts microseconds).
 */
public final class PressureCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code pressure/*} under {@code paths.procfs()}. */
  public PressureCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "pressure";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    for (String resource : new String[] {"cpu", "io", "memory"}) {
      String text;
      try {
        text = HostFiles.readWhole(paths.proc("pressure", resource));
      } catch (NoSuchFileException e) {
        throw new NoDataException(
            "pressure information is unavailable, you need a Linux kernel >= 4.20 and/or"
                + " CONFIG_PSI enabled for your kernel");
      }
      double some = Double.NaN;
      double full = Double.NaN;
      for (String line : ProcText.lines(text)) {
        String[] f = ProcText.fields(line);
        if (f.length < 5) {
          continue;
        }
        if (!f[4].startsWith("total=")) {
          throw new IOException("failed to retrieve pressure stats: unexpected line: " + line);
        }
        double total = ProcText.u64(f[4].substring("total=".length())) / 1000.0 / 1000.0;
        if (f[0].equals("some")) {
          some = total;
        } else if (f[0].equals("full")) {
          full = total;
        }
      }
      switch (resource) {
        case "cpu" ->
            sink.counter(
                "node_pressure_cpu_waiting_seconds_total",
                "Total time in seconds that processes have waited for CPU time",
                some);
        case "io" -> {
          sink.counter(
              "node_pressure_io_waiting_seconds_total",
              "Total time in seconds that processes have waited due to IO congestion",
              some);
          sink.counter(
              "node_pressure_io_stalled_seconds_total",
              "Total time in seconds no process could make progress due to IO congestion",
              full);
        }
        default -> {
          sink.counter(
              "node_pressure_memory_waiting_seconds_total",
              "Total time in seconds that processes have waited for memory",
              some);
          sink.counter(
              "node_pressure_memory_stalled_seconds_total",
              "Total time in seconds no process could make progress due to memory congestion",
              full);
        }
      }
    }
  }
}
