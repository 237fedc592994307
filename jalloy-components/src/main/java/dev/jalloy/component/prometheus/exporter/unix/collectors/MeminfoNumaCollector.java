package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's {@code meminfo_numa} collector: {@code
 * /sys/devices/system/node/node<N>/{meminfo,numastat}} as {@code node_memory_numa_<field>{node}}.
 * kB values are bytes but keep their bare names; numastat counters get {@code _total}.
 */
public final class MeminfoNumaCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code devices/system/node} under {@code paths.sysfs()}. */
  public MeminfoNumaCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "meminfo_numa";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    List<Path> nodes = new ArrayList<>();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(paths.sys("devices", "system", "node"), "node[0-9]*")) {
      for (Path p : dir) {
        nodes.add(p);
      }
    } catch (NoSuchFileException e) {
      return; // Go's filepath.Glob finds nothing
    }
    nodes.sort(null);
    for (Path node : nodes) {
      for (String line : ProcText.lines(HostFiles.readWhole(node.resolve("meminfo")))) {
        String[] f = ProcText.fields(line);
        if (f.length == 0) {
          continue;
        }
        if (f.length < 4) {
          throw new IOException("invalid line in meminfo: " + line);
        }
        double value = Double.parseDouble(f[3]);
        if (f.length == 5 && f[4].equals("kB")) {
          value *= 1024;
        } else if (f.length != 4) {
          throw new IOException("invalid line in meminfo: " + line);
        }
        String metric = f[2];
        if (metric.endsWith(":")) {
          metric = metric.substring(0, metric.length() - 1);
        }
        metric = MeminfoCollector.parenthesesToUnderscore(metric);
        sink.family(
                "node_memory_numa_" + metric,
                MetricType.GAUGE,
                "Memory information field " + metric + ".")
            .add(value, "node", f[1]);
      }
      String nodeNumber = node.getFileName().toString().substring("node".length());
      for (String line : ProcText.lines(HostFiles.readWhole(node.resolve("numastat")))) {
        String[] f = ProcText.fields(line);
        if (f.length != 2) {
          throw new IOException("line scan did not return 2 fields: " + line);
        }
        String metric = f[0] + "_total";
        sink.family(
                "node_memory_numa_" + metric,
                MetricType.COUNTER,
                "Memory information field " + metric + ".")
            .add(Double.parseDouble(f[1]), "node", nodeNumber);
      }
    }
  }
}
