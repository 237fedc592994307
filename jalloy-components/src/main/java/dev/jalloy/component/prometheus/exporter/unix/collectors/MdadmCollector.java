package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * node_exporter's {@code mdadm} collector: software RAID arrays from {@code /proc/mdstat}, parsed
 * by procfs's rules (an array's state becomes {@code recovering}, {@code resync} or {@code check}
 * while its sync line says so). Without the md driver there is no file: no data.
 */
public final class MdadmCollector implements NodeCollector {
  private static final Pattern STATUS_LINE =
      Pattern.compile("(\\d+) blocks .*\\[(\\d+)/(\\d+)\\] \\[([U_]+)\\]");
  private static final Pattern RECOVERY_BLOCKS = Pattern.compile("\\((\\d+)/\\d+\\)");
  private static final String[] STATES = {"active", "inactive", "recovering", "resync", "check"};

  private final HostPaths paths;

  /** Reads {@code mdstat} under {@code paths.procfs()}. */
  public MdadmCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "mdadm";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String text;
    try {
      text = HostFiles.readWhole(paths.proc("mdstat"));
    } catch (NoSuchFileException e) {
      throw new NoDataException("mdstat not found: " + e.getMessage());
    }
    // Go's strings.Split keeps a trailing empty element; the "too few lines" rule counts it
    List<String> lines = List.of(text.split("\n", -1));
    MetricSink.Family required =
        sink.family("node_md_disks_required", MetricType.GAUGE, "Total number of disks of device.");
    MetricSink.Family disks =
        sink.family(
            "node_md_disks", MetricType.GAUGE, "Number of active/failed/spare disks of device.");
    MetricSink.Family state =
        sink.family("node_md_state", MetricType.GAUGE, "Indicates the state of md-device.");
    MetricSink.Family blocks =
        sink.family("node_md_blocks", MetricType.GAUGE, "Total number of blocks on device.");
    MetricSink.Family synced =
        sink.family(
            "node_md_blocks_synced", MetricType.GAUGE, "Number of blocks synced on device.");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()
          || line.charAt(0) == ' '
          || line.startsWith("Personalities")
          || line.startsWith("unused")) {
        continue;
      }
      String[] device = ProcText.fields(line);
      if (device.length < 3) {
        throw new IOException(
            "error parsing mdstat: not enough fields in mdline (expected at least 3): " + line);
      }
      String name = device[0];
      String activity = device[2];
      if (lines.size() <= i + 3) {
        throw new IOException("error parsing mdstat: too few lines for md device " + name);
      }
      long failed = count(line, "(F)");
      long spare = count(line, "(S)");
      String statusLine = lines.get(i + 1);
      String[] status = ProcText.fields(statusLine);
      if (status.length < 1) {
        throw new IOException("error parsing mdstat: unexpected statusLine " + statusLine);
      }
      long size;
      try {
        size = Long.parseLong(status[0]);
      } catch (NumberFormatException e) {
        throw new IOException("error parsing mdstat: unexpected statusLine " + statusLine, e);
      }
      long active;
      long total;
      if (line.contains("raid0") || line.contains("linear")) {
        total = count(line, "[");
        active = total;
      } else if (line.contains("inactive")) {
        total = 0;
        active = 0;
      } else {
        Matcher m = STATUS_LINE.matcher(statusLine);
        if (!m.find()) {
          throw new IOException(
              "error parsing mdstat: couldn't find all the substring matches: " + statusLine);
        }
        total = Long.parseLong(m.group(2));
        active = Long.parseLong(m.group(3));
      }
      int syncIdx = i + 2;
      if (lines.get(syncIdx).contains("bitmap")) {
        syncIdx++;
      }
      String syncLine = lines.get(syncIdx);
      long syncedBlocks = size;
      boolean recovering = syncLine.contains("recovery");
      boolean resyncing = syncLine.contains("resync");
      boolean checking = syncLine.contains("check");
      if (recovering || resyncing || checking) {
        activity = recovering ? "recovering" : checking ? "checking" : "resyncing";
        if (syncLine.contains("PENDING") || syncLine.contains("DELAYED")) {
          syncedBlocks = 0;
        } else {
          Matcher m = RECOVERY_BLOCKS.matcher(syncLine);
          if (!m.find()) {
            throw new IOException(
                "error parsing sync line in md device "
                    + name
                    + ": unexpected recoveryLine: "
                    + syncLine);
          }
          syncedBlocks = Long.parseLong(m.group(1));
        }
      }
      required.add(total, "device", name);
      disks.add(active, "device", name, "state", "active");
      disks.add(failed, "device", name, "state", "failed");
      disks.add(spare, "device", name, "state", "spare");
      String current =
          switch (activity) {
            case "resyncing" -> "resync";
            case "checking" -> "check";
            default -> activity;
          };
      for (String s : STATES) {
        state.add(s.equals(current) ? 1 : 0, "device", name, "state", s);
      }
      blocks.add(size, "device", name);
      synced.add(syncedBlocks, "device", name);
    }
  }

  private static long count(String s, String sub) {
    long n = 0;
    for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
      n++;
    }
    return n;
  }
}
