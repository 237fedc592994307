package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's {@code bcache} collector ({@code collector/bcache_linux.go} with procfs's {@code
 * bcache/get.go}): every cache set {@code /sys/fs/bcache/<uuid>}, its backing devices ({@code
 * bdevN}) and cache devices ({@code cacheN}). bcache prints sizes the way its {@code bch_hprint}
 * does ({@code 1.1G}, where {@code .1} means 1/10.24); they are read back the way procfs reads
 * them. {@code priority_stats} is expensive for the kernel to produce and read only when asked.
 */
public final class BcacheCollector implements NodeCollector {
  private static final String[] PERIOD_FILES = {
    "bypassed",
    "cache_bypass_hits",
    "cache_bypass_misses",
    "cache_hits",
    "cache_miss_collisions",
    "cache_misses",
    "cache_readaheads"
  };

  /** Per {@link #PERIOD_FILES} entry: metric suffix and help. */
  private static final String[][] PERIOD_METRICS = {
    {"bypassed_bytes_total", "Amount of IO (both reads and writes) that has bypassed the cache."},
    {"cache_bypass_hits_total", "Hits for IO intended to skip the cache."},
    {"cache_bypass_misses_total", "Misses for IO intended to skip the cache."},
    {"cache_hits_total", "Hits counted per individual IO as bcache sees them."},
    {
      "cache_miss_collisions_total",
      "Instances where data insertion from cache miss raced with write (data already present)."
    },
    {"cache_misses_total", "Misses counted per individual IO as bcache sees them."},
    {"cache_readaheads_total", "Count of times readahead occurred."},
  };

  private final HostPaths paths;
  private final boolean priorityStats;

  /**
   * @param paths where the host's sysfs is
   * @param priorityStats also read {@code priority_stats} of the cache devices ({@code
   *     priority_stats})
   */
  public BcacheCollector(HostPaths paths, boolean priorityStats) {
    this.paths = paths;
    this.priorityStats = priorityStats;
  }

  @Override
  public String name() {
    return "bcache";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path root = paths.sys("fs", "bcache");
    List<String> sets = new ArrayList<>();
    try {
      for (String name : SysFiles.list(root)) {
        if (name.indexOf('-') >= 0) {
          sets.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      return; // procfs globs fs/bcache/*-*; nothing matches
    }
    // procfs reads every set before node_exporter writes: one bad file leaves no metrics
    List<Runnable> emits = new ArrayList<>();
    for (String uuid : sets) {
      read(root.resolve(uuid), uuid, sink, emits);
    }
    emits.forEach(Runnable::run);
  }

  private void read(Path set, String uuid, MetricSink sink, List<Runnable> emits)
      throws IOException {
    double averageKeySize = value(set.resolve("average_key_size"));
    double btreeCacheSize = value(set.resolve("btree_cache_size"));
    double cacheAvailable = value(set.resolve("cache_available_percent"));
    double congested = value(set.resolve("congested"));
    double rootUsage = value(set.resolve("root_usage_percent"));
    double treeDepth = value(set.resolve("tree_depth"));
    Path internal = set.resolve("internal");
    double journal = value(internal.resolve("active_journal_entries"));
    double btreeNodes = value(internal.resolve("btree_nodes"));
    double readAverage = value(internal.resolve("btree_read_average_duration_us"));
    double readRaces = value(internal.resolve("cache_read_races"));
    period(set.resolve("stats_five_minute"));
    period(set.resolve("stats_total"));
    emits.add(
        () -> {
          gauge(
              sink,
              "average_key_size_sectors",
              "Average data per key in the btree (sectors).",
              averageKeySize,
              uuid);
          gauge(
              sink,
              "btree_cache_size_bytes",
              "Amount of memory currently used by the btree cache.",
              btreeCacheSize,
              uuid);
          gauge(
              sink,
              "cache_available_percent",
              "Percentage of cache device without dirty data, usable for writeback (may contain"
                  + " clean cached data).",
              cacheAvailable,
              uuid);
          gauge(sink, "congested", "Congestion.", congested, uuid);
          gauge(
              sink,
              "root_usage_percent",
              "Percentage of the root btree node in use (tree depth increases if too high).",
              rootUsage,
              uuid);
          gauge(sink, "tree_depth", "Depth of the btree.", treeDepth, uuid);
          gauge(
              sink,
              "active_journal_entries",
              "Number of journal entries that are newer than the index.",
              journal,
              uuid);
          gauge(sink, "btree_nodes", "Total nodes in the btree.", btreeNodes, uuid);
          // the file counts microseconds; node_exporter scales by 1e-9 all the same
          gauge(
              sink,
              "btree_read_average_duration_seconds",
              "Average btree read duration.",
              readAverage * 1e-9,
              uuid);
          sink.counter(
              "node_bcache_cache_read_races_total",
              "Counts instances where while data was being read from the cache, the bucket was"
                  + " reused and invalidated - i.e. where the pointer was stale after the read"
                  + " completed.",
              readRaces,
              "uuid",
              uuid);
        });
    for (String bdev : SysGlob.numbered(set, "bdev")) {
      Path dir = set.resolve(bdev);
      double dirty = value(dir.resolve("dirty_data"));
      double[] debug = writebackRateDebug(dir.resolve("writeback_rate_debug"));
      period(dir.resolve("stats_five_minute"));
      double[] total = period(dir.resolve("stats_total"));
      emits.add(
          () -> {
            String[] labels = {"uuid", uuid, "backing_device", bdev};
            sink.gauge(
                "node_bcache_dirty_data_bytes",
                "Amount of dirty data for this backing device in the cache.",
                dirty,
                labels);
            sink.gauge(
                "node_bcache_dirty_target_bytes",
                "Current dirty data target threshold for this backing device in bytes.",
                debug[2],
                labels);
            sink.gauge(
                "node_bcache_writeback_rate",
                "Current writeback rate for this backing device in bytes.",
                debug[0],
                labels);
            sink.gauge(
                "node_bcache_writeback_rate_proportional_term",
                "Current result of proportional controller, part of writeback rate",
                debug[3],
                labels);
            sink.gauge(
                "node_bcache_writeback_rate_integral_term",
                "Current result of integral controller, part of writeback rate",
                debug[4],
                labels);
            sink.gauge(
                "node_bcache_writeback_change",
                "Last writeback rate change step for this backing device.",
                debug[5],
                labels);
            for (int i = 0; i < PERIOD_METRICS.length; i++) {
              sink.counter(
                  "node_bcache_" + PERIOD_METRICS[i][0], PERIOD_METRICS[i][1], total[i], labels);
            }
          });
    }
    for (String cache : SysGlob.numbered(set, "cache")) {
      Path dir = set.resolve(cache);
      double ioErrors = value(dir.resolve("io_errors"));
      double metadataWritten = value(dir.resolve("metadata_written"));
      double written = value(dir.resolve("written"));
      double[] priority = priorityStats ? priorityStats(dir.resolve("priority_stats")) : null;
      emits.add(
          () -> {
            String[] labels = {"uuid", uuid, "cache_device", cache};
            sink.gauge(
                "node_bcache_io_errors",
                "Number of errors that have occurred, decayed by io_error_halflife.",
                ioErrors,
                labels);
            sink.counter(
                "node_bcache_metadata_written_bytes_total",
                "Sum of all non data writes (btree writes and all other metadata).",
                metadataWritten,
                labels);
            sink.counter(
                "node_bcache_written_bytes_total",
                "Sum of all data that has been written to the cache.",
                written,
                labels);
            if (priority != null) {
              sink.gauge(
                  "node_bcache_priority_stats_unused_percent",
                  "The percentage of the cache that doesn't contain any data.",
                  priority[0],
                  labels);
              sink.gauge(
                  "node_bcache_priority_stats_metadata_percent",
                  "Bcache's metadata overhead.",
                  priority[1],
                  labels);
            }
          });
    }
  }

  private static void gauge(MetricSink sink, String name, String help, double value, String uuid) {
    sink.family("node_bcache_" + name, MetricType.GAUGE, help).add(value, "uuid", uuid);
  }

  private static double[] period(Path dir) throws IOException {
    double[] values = new double[PERIOD_FILES.length];
    for (int i = 0; i < PERIOD_FILES.length; i++) {
      values[i] = value(dir.resolve(PERIOD_FILES[i]));
    }
    return values;
  }

  /** A value file: its content without the last byte (the newline), dehumanized. */
  private static double value(Path file) throws IOException {
    String whole = HostFiles.readWhole(file);
    String text = whole.substring(0, Math.max(0, whole.length() - 1));
    return dehumanize(text, file);
  }

  /** procfs's {@code dehumanize}: {@code 1.1M} to bytes, as an unsigned 64-bit result. */
  static double dehumanize(String text, Path file) throws IOException {
    if (text.isEmpty()) {
      throw new IOException(file + ": zero-length reply");
    }
    char last = text.charAt(text.length() - 1);
    double mantissa;
    double multiplier = 1;
    if (last > '9') {
      multiplier =
          switch (last) {
            case 'k' -> 0x1p10;
            case 'M' -> 0x1p20;
            case 'G' -> 0x1p30;
            case 'T' -> 0x1p40;
            case 'P' -> 0x1p50;
            case 'E' -> 0x1p60;
            case 'Z' -> 0x1p70;
            case 'Y' -> 0x1p80;
            default -> 0;
          };
      mantissa = pseudoFloat(text.substring(0, text.length() - 1), file);
    } else {
      mantissa = parse(text, file);
    }
    return toUint64(mantissa * multiplier);
  }

  /** As {@link #dehumanize} for values that may be negative (the controller terms). */
  private static double dehumanizeSigned(String text, Path file) throws IOException {
    if (text.startsWith("-")) {
      return -dehumanize(text.substring(1), file);
    }
    return dehumanize(text, file);
  }

  /** bch_hprint's fraction is tenths of 1024ths: {@code 1.5} is 1 + 5/10.24. */
  private static double pseudoFloat(String text, Path file) throws IOException {
    String[] parts = text.split("\\.", -1);
    double whole = parse(parts[0], file);
    if (parts.length == 1) {
      return whole;
    }
    return whole + parse(parts[1], file) / 10.24;
  }

  private static double parse(String text, Path file) throws IOException {
    Double v = SysFiles.parseFloat(text);
    if (v == null) {
      throw new IOException(file + ": not a number: " + text);
    }
    return v;
  }

  /** Go's {@code uint64(f)} for the values bcache prints (non-negative, below 2^64). */
  private static double toUint64(double v) {
    return v < 0 ? 0 : Math.floor(v);
  }

  /** rate, dirty, target, proportional, integral, change of {@code writeback_rate_debug}. */
  private static double[] writebackRateDebug(Path file) throws IOException {
    double[] values = new double[6];
    for (String line : HostFiles.readTrimmed(file).split("\n")) {
      String[] fields = line.strip().split("\\s+");
      String raw = fields[fields.length - 1];
      if (line.startsWith("rate:")) {
        values[0] = dehumanize(stripSuffix(raw, "/sec"), file);
      } else if (line.startsWith("dirty:")) {
        values[1] = dehumanize(raw, file);
      } else if (line.startsWith("target:")) {
        values[2] = dehumanize(raw, file);
      } else if (line.startsWith("proportional:")) {
        values[3] = dehumanizeSigned(raw, file);
      } else if (line.startsWith("integral:")) {
        values[4] = dehumanizeSigned(raw, file);
      } else if (line.startsWith("change:")) {
        values[5] = dehumanizeSigned(stripSuffix(raw, "/sec"), file);
      }
    }
    return values;
  }

  private static String stripSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  /** Unused and metadata percentages of {@code priority_stats}. */
  private static double[] priorityStats(Path file) throws IOException {
    double[] values = new double[2];
    for (String line : HostFiles.readTrimmed(file).split("\n")) {
      int index = line.startsWith("Unused:") ? 0 : line.startsWith("Metadata:") ? 1 : -1;
      if (index < 0) {
        continue;
      }
      String[] fields = line.strip().split("\\s+");
      String raw = stripSuffix(fields[fields.length - 1], "%");
      Double v = SysFiles.parseUnsigned(raw);
      if (v == null) {
        throw new IOException("failed to parse: " + file + " (" + raw + ")");
      }
      values[index] = v;
    }
    return values;
  }
}
