package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;

/** node_exporter's {@code filefd} collector: {@code /proc/sys/fs/file-nr}. */
public final class FilefdCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code sys/fs/file-nr} under {@code paths.procfs()}. */
  public FilefdCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "filefd";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String[] f = ProcText.fields(HostFiles.readWhole(paths.proc("sys", "fs", "file-nr")));
    if (f.length < 3) {
      throw new IOException("couldn't get file-nr: unexpected number of fields: " + f.length);
    }
    sink.gauge(
        "node_filefd_allocated", "File descriptor statistics: allocated.", ProcText.f64(f[0]));
    sink.gauge("node_filefd_maximum", "File descriptor statistics: maximum.", ProcText.f64(f[2]));
  }
}
