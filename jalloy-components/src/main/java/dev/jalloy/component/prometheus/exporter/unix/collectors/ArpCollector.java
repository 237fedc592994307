package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** node_exporter's {@code arp} collector: entries of {@code /proc/net/arp} counted by device. */
public final class ArpCollector implements NodeCollector {
  private final HostPaths paths;
  private final DeviceFilter devices;

  /**
   * Reads {@code net/arp} under {@code paths.procfs()}; {@code devices} is Alloy's {@code
   * device_include} / {@code device_exclude}.
   */
  public ArpCollector(HostPaths paths, DeviceFilter devices) {
    this.paths = paths;
    this.devices = devices;
  }

  @Override
  public String name() {
    return "arp";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String line : ProcText.lines(HostFiles.readWhole(paths.proc("net", "arp")))) {
      String[] f = ProcText.fields(line);
      if (f.length < 6 || f[0].equals("IP")) {
        continue;
      }
      counts.computeIfAbsent(f[f.length - 1], d -> new int[1])[0]++;
    }
    MetricSink.Family entries =
        sink.family("node_arp_entries", MetricType.GAUGE, "ARP entries by device");
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      if (!devices.ignored(e.getKey())) {
        entries.add(e.getValue()[0], "device", e.getKey());
      }
    }
  }
}
