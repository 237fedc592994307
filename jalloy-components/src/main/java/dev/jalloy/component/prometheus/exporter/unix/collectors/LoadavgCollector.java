package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;

/** node_exporter's {@code loadavg} collector: {@code /proc/loadavg}. */
public final class LoadavgCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code loadavg} under {@code paths.procfs()}. */
  public LoadavgCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "loadavg";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String[] f = ProcText.fields(HostFiles.readWhole(paths.proc("loadavg")));
    if (f.length < 3) {
      throw new IOException("unexpected content in " + paths.proc("loadavg"));
    }
    sink.gauge("node_load1", "1m load average.", ProcText.f64(f[0]));
    sink.gauge("node_load5", "5m load average.", ProcText.f64(f[1]));
    sink.gauge("node_load15", "15m load average.", ProcText.f64(f[2]));
  }
}
