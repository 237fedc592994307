package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * node_exporter's {@code vmstat} collector: the fields of {@code /proc/vmstat} that match {@code
 * fields}, untyped.
 */
public final class VmstatCollector implements NodeCollector {
  /** node_exporter's {@code --collector.vmstat.fields} default. */
  public static final String DEFAULT_FIELDS = "^(oom_kill|pgpg|pswp|pg.*fault).*";

  private final HostPaths paths;
  private final Pattern fields;
  // field -> {name, help} or a null-name entry for fields the pattern rejects
  private final Map<String, String[]> decisions = new HashMap<>();

  /** Reads {@code vmstat} under {@code paths.procfs()}, keeping fields {@code fields} matches. */
  public VmstatCollector(HostPaths paths, Pattern fields) {
    this.paths = paths;
    this.fields = fields;
  }

  @Override
  public String name() {
    return "vmstat";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    for (String line : ProcText.lines(HostFiles.readWhole(paths.proc("vmstat")))) {
      int sp = line.indexOf(' ');
      if (sp <= 0) {
        throw new IOException("invalid line in vmstat: " + line);
      }
      String field = line.substring(0, sp);
      String[] metric =
          decisions.computeIfAbsent(
              field,
              k ->
                  fields.matcher(k).find()
                      ? new String[] {
                        "node_vmstat_" + k, "/proc/vmstat information field " + k + "."
                      }
                      : new String[] {null, null});
      double value = Double.parseDouble(line.substring(sp + 1).strip());
      if (metric[0] != null) {
        sink.untyped(metric[0], metric[1], value);
      }
    }
  }
}
