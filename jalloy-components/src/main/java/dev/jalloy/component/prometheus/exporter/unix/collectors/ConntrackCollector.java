package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * node_exporter's {@code conntrack} collector: the table size and limit from {@code
 * /proc/sys/net/netfilter} and the per-CPU statistics of {@code /proc/net/stat/nf_conntrack} summed
 * over CPUs. Without the netfilter module the files are absent: no data.
 */
public final class ConntrackCollector implements NodeCollector {
  // column positions of /proc/net/stat/nf_conntrack (stable since the columns were introduced)
  private static final int FOUND = 2;
  private static final int INVALID = 4;
  private static final int IGNORE = 5;
  private static final int INSERT = 8;
  private static final int INSERT_FAILED = 9;
  private static final int DROP = 10;
  private static final int EARLY_DROP = 11;
  private static final int SEARCH_RESTART = 16;
  private static final int MIN_COLUMNS = 17;

  private final HostPaths paths;

  /** Reads under {@code paths.procfs()}. */
  public ConntrackCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "conntrack";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    sink.gauge(
        "node_nf_conntrack_entries",
        "Number of currently allocated flow entries for connection tracking.",
        readOrNoData(paths.proc("sys", "net", "netfilter", "nf_conntrack_count")));
    sink.gauge(
        "node_nf_conntrack_entries_limit",
        "Maximum size of connection tracking table.",
        readOrNoData(paths.proc("sys", "net", "netfilter", "nf_conntrack_max")));
    List<String> lines;
    try {
      lines = ProcText.lines(HostFiles.readWhole(paths.proc("net", "stat", "nf_conntrack")));
    } catch (NoSuchFileException e) {
      throw new NoDataException("conntrack statistics not found: " + e.getMessage());
    }
    long[] sums = new long[MIN_COLUMNS];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = ProcText.fields(lines.get(i));
      if (f.length == 0) {
        continue;
      }
      if (f.length < MIN_COLUMNS) {
        throw new IOException(
            "failed to retrieve conntrack stats: invalid conntrackstat entry, invalid number of"
                + " fields: "
                + f.length);
      }
      for (int c = 0; c < MIN_COLUMNS; c++) {
        sums[c] += Long.parseUnsignedLong(f[c], 16);
      }
    }
    stat(sink, "found", "Number of searched entries which were successful.", sums[FOUND]);
    stat(sink, "invalid", "Number of packets seen which can not be tracked.", sums[INVALID]);
    stat(
        sink,
        "ignore",
        "Number of packets seen which are already connected to a conntrack entry.",
        sums[IGNORE]);
    stat(sink, "insert", "Number of entries inserted into the list.", sums[INSERT]);
    stat(
        sink,
        "insert_failed",
        "Number of entries for which list insertion was attempted but failed.",
        sums[INSERT_FAILED]);
    stat(sink, "drop", "Number of packets dropped due to conntrack failure.", sums[DROP]);
    stat(
        sink,
        "early_drop",
        "Number of dropped conntrack entries to make room for new ones, if maximum table size"
            + " was reached.",
        sums[EARLY_DROP]);
    stat(
        sink,
        "search_restart",
        "Number of conntrack table lookups which had to be restarted due to hashtable resizes.",
        sums[SEARCH_RESTART]);
  }

  private static void stat(MetricSink sink, String name, String help, long value) {
    sink.gauge("node_nf_conntrack_stat_" + name, help, ProcText.unsignedToDouble(value));
  }

  private static double readOrNoData(Path file) throws IOException {
    try {
      return ProcText.readUint(file);
    } catch (NoSuchFileException e) {
      throw new NoDataException("conntrack not available: " + file);
    }
  }
}
