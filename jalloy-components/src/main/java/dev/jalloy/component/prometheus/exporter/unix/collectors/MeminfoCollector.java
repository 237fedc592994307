package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * node_exporter's {@code meminfo} collector: every field of {@code /proc/meminfo} as {@code
 * node_memory_<field>}; fields with a unit are kB and become {@code _bytes}, {@code Active(anon)}
 * becomes {@code Active_anon}.
 */
public final class MeminfoCollector implements NodeCollector {
  private final HostPaths paths;
  // field name as the kernel writes it -> metric suffix; the kernel's set of fields is fixed
  private final Map<String, String[]> names = new HashMap<>();

  /** Reads {@code meminfo} under {@code paths.procfs()}. */
  public MeminfoCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "meminfo";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    for (String line : ProcText.lines(HostFiles.readWhole(paths.proc("meminfo")))) {
      String[] f = ProcText.fields(line);
      if (f.length == 0) {
        continue; // some kernels write empty lines
      }
      if (f.length < 2) {
        throw new IOException("invalid line in meminfo: " + line);
      }
      double value;
      try {
        value = Double.parseDouble(f[1]);
      } catch (NumberFormatException e) {
        throw new IOException("invalid value in meminfo: " + f[1], e);
      }
      boolean kb;
      switch (f.length) {
        case 2 -> kb = false;
        case 3 -> kb = true;
        default -> throw new IOException("invalid line in meminfo: " + line);
      }
      String[] metric = names.computeIfAbsent(f[0] + (kb ? " kB" : ""), k -> metricName(f[0], kb));
      sink.gauge(metric[0], metric[1], kb ? value * 1024 : value);
    }
  }

  /** {@code Active(anon):} → name {@code node_memory_Active_anon_bytes} and its help. */
  static String[] metricName(String field, boolean kb) {
    String key = parenthesesToUnderscore(field.substring(0, field.length() - 1));
    if (kb) {
      key = key + "_bytes";
    }
    return new String[] {"node_memory_" + key, "Memory information field " + key + "."};
  }

  /** Go's {@code regexp.MustCompile(`\((.*)\)`).ReplaceAllString(key, "_${1}")}. */
  static String parenthesesToUnderscore(String key) {
    int open = key.indexOf('(');
    if (open < 0) {
      return key;
    }
    int close = key.lastIndexOf(')');
    if (close < open) {
      return key;
    }
    return key.substring(0, open) + "_" + key.substring(open + 1, close) + key.substring(close + 1);
  }
}
