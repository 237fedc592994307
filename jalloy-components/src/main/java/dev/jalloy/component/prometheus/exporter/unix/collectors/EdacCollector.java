package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Path;

/**
 * node_exporter's {@code edac} collector ({@code collector/edac_linux.go}): correctable and
 * uncorrectable memory errors per memory controller {@code /sys/devices/system/edac/mc/mcN} and per
 * chip-select row. A host without EDAC succeeds with nothing.
 */
public final class EdacCollector implements NodeCollector {
  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public EdacCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "edac";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path mc = paths.sys("devices", "system", "edac", "mc");
    MetricSink.Family ce =
        sink.family(
            "node_edac_correctable_errors_total",
            MetricType.COUNTER,
            "Total correctable memory errors.");
    MetricSink.Family ue =
        sink.family(
            "node_edac_uncorrectable_errors_total",
            MetricType.COUNTER,
            "Total uncorrectable memory errors.");
    MetricSink.Family rowCe =
        sink.family(
            "node_edac_csrow_correctable_errors_total",
            MetricType.COUNTER,
            "Total correctable memory errors for this csrow.");
    MetricSink.Family rowUe =
        sink.family(
            "node_edac_csrow_uncorrectable_errors_total",
            MetricType.COUNTER,
            "Total uncorrectable memory errors for this csrow.");
    for (String controller : SysGlob.numbered(mc, "mc")) {
      Path dir = mc.resolve(controller);
      String number = SysGlob.number(controller, "mc");
      ce.add(readUnsigned(dir.resolve("ce_count")), "controller", number);
      rowCe.add(
          readUnsigned(dir.resolve("ce_noinfo_count")), "controller", number, "csrow", "unknown");
      ue.add(readUnsigned(dir.resolve("ue_count")), "controller", number);
      rowUe.add(
          readUnsigned(dir.resolve("ue_noinfo_count")), "controller", number, "csrow", "unknown");
      for (String csrow : SysGlob.numbered(dir, "csrow")) {
        Path row = dir.resolve(csrow);
        String rowNumber = SysGlob.number(csrow, "csrow");
        rowCe.add(readUnsigned(row.resolve("ce_count")), "controller", number, "csrow", rowNumber);
        rowUe.add(readUnsigned(row.resolve("ue_count")), "controller", number, "csrow", rowNumber);
      }
    }
  }

  static double readUnsigned(Path file) throws IOException {
    String text = HostFiles.readTrimmed(file);
    Double v = SysFiles.parseUnsigned(text);
    if (v == null) {
      throw new IOException(file + ": not an unsigned integer: " + text);
    }
    return v;
  }
}
