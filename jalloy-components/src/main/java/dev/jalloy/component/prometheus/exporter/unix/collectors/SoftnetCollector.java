package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.util.List;

/**
 * node_exporter's {@code softnet} collector: {@code /proc/net/softnet_stat}, one line of hex
 * counters per CPU. node_exporter 1.5 labels a line with its position.
 */
public final class SoftnetCollector implements NodeCollector {
  private static final int MIN_COLUMNS = 9;
  private final HostPaths paths;

  /** Reads {@code net/softnet_stat} under {@code paths.procfs()}. */
  public SoftnetCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "softnet";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    List<String> lines = ProcText.lines(HostFiles.readWhole(paths.proc("net", "softnet_stat")));
    MetricSink.Family processed =
        sink.family(
            "node_softnet_processed_total", MetricType.COUNTER, "Number of processed packets");
    MetricSink.Family dropped =
        sink.family("node_softnet_dropped_total", MetricType.COUNTER, "Number of dropped packets");
    MetricSink.Family squeezed =
        sink.family(
            "node_softnet_times_squeezed_total",
            MetricType.COUNTER,
            "Number of times processing packets ran out of quota");
    int cpu = 0;
    for (String line : lines) {
      String[] f = ProcText.fields(line);
      if (f.length < MIN_COLUMNS) {
        throw new IOException(
            "could not get softnet statistics: "
                + f.length
                + " columns were detected, but at"
                + " least "
                + MIN_COLUMNS
                + " were expected");
      }
      String label = Integer.toString(cpu++);
      processed.add(ProcText.hexU64(f[0]), "cpu", label);
      dropped.add(ProcText.hexU64(f[1]), "cpu", label);
      squeezed.add(ProcText.hexU64(f[2]), "cpu", label);
    }
  }
}
