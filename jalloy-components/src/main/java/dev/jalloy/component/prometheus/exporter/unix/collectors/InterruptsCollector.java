package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's {@code interrupts} collector: {@code /proc/interrupts} per interrupt and CPU.
 * Numbered interrupts split their description into the controller ({@code info}) and the rest
 * ({@code devices}); lines with a single total such as {@code ERR} and {@code MIS} are skipped.
 */
public final class InterruptsCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code interrupts} under {@code paths.procfs()}. */
  public InterruptsCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "interrupts";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    List<String> lines = ProcText.lines(HostFiles.readWhole(paths.proc("interrupts")));
    if (lines.isEmpty()) {
      throw new IOException("couldn't get interrupts: interrupts empty");
    }
    int cpus = ProcText.fields(lines.get(0)).length;
    // node_exporter keeps a map by name: a repeated name keeps the last line
    Map<String, String[]> byName = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] f = ProcText.fields(lines.get(i));
      if (f.length < cpus + 2) {
        continue;
      }
      byName.put(f[0].substring(0, f[0].length() - 1), f);
    }
    MetricSink.Family total =
        sink.family("node_interrupts_total", MetricType.COUNTER, "Interrupt details.");
    String[] cpuLabels = new String[cpus];
    for (int c = 0; c < cpus; c++) {
      cpuLabels[c] = Integer.toString(c);
    }
    for (Map.Entry<String, String[]> e : byName.entrySet()) {
      String name = e.getKey();
      String[] f = e.getValue();
      String info;
      String devices;
      if (isInteger(name)) {
        info = f[cpus + 1];
        devices = String.join(" ", Arrays.asList(f).subList(cpus + 2, f.length));
      } else {
        info = String.join(" ", Arrays.asList(f).subList(cpus + 1, f.length));
        devices = "";
      }
      for (int c = 0; c < cpus; c++) {
        double value;
        try {
          value = Double.parseDouble(f[c + 1]);
        } catch (NumberFormatException ex) {
          throw new IOException("invalid value " + f[c + 1] + " in interrupts", ex);
        }
        total.add(value, "cpu", cpuLabels[c], "type", name, "info", info, "devices", devices);
      }
    }
  }

  private static boolean isInteger(String s) {
    try {
      Integer.parseInt(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
