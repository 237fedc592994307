package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** node_exporter's {@code buddyinfo} collector: free blocks per node, zone and order. */
public final class BuddyinfoCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code buddyinfo} under {@code paths.procfs()}. */
  public BuddyinfoCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "buddyinfo";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String text = HostFiles.readWhole(paths.proc("buddyinfo"));
    MetricSink.Family blocks =
        sink.family(
            "node_buddyinfo_blocks", MetricType.GAUGE, "Count of free blocks according to size.");
    int buckets = -1;
    List<Zone> rows = new ArrayList<>();
    for (String line : ProcText.lines(text)) {
      String[] f = ProcText.fields(line);
      if (f.length < 4) {
        throw new IOException("invalid number of fields when parsing buddyinfo");
      }
      int size = f.length - 4;
      if (buckets == -1) {
        buckets = size;
      } else if (buckets != size) {
        throw new IOException("mismatch in number of buddyinfo buckets");
      }
      double[] values = new double[size];
      for (int i = 0; i < size; i++) {
        values[i] = Double.parseDouble(f[i + 4]);
      }
      rows.add(new Zone(stripCommas(f[1]), stripCommas(f[3]), values));
    }
    for (Zone row : rows) {
      for (int i = 0; i < row.sizes.length; i++) {
        blocks.add(row.sizes[i], "node", row.node, "zone", row.zone, "size", Integer.toString(i));
      }
    }
  }

  private record Zone(String node, String zone, double[] sizes) {}

  private static String stripCommas(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ',') {
      end--;
    }
    return s.substring(0, end);
  }
}
