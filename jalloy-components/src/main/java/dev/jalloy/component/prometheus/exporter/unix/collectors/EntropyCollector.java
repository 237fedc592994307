package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;

/** node_exporter's {@code entropy} collector: {@code /proc/sys/kernel/random}. */
public final class EntropyCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code sys/kernel/random} under {@code paths.procfs()}. */
  public EntropyCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "entropy";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    sink.gauge(
        "node_entropy_available_bits",
        "Bits of available entropy.",
        ProcText.readUint(paths.proc("sys", "kernel", "random", "entropy_avail")));
    sink.gauge(
        "node_entropy_pool_size_bits",
        "Bits of entropy pool.",
        ProcText.readUint(paths.proc("sys", "kernel", "random", "poolsize")));
  }
}
