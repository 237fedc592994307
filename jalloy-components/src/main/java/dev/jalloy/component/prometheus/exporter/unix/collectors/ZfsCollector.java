package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * node_exporter's {@code zfs} collector: the kstats of {@code /proc/spl/kstat/zfs} as untyped
 * {@code node_zfs_<subsystem>_<name>}, and per pool its {@code io}, {@code objset-*} and {@code
 * state} files. Without the zfs module there is no directory: no data.
 */
public final class ZfsCollector implements NodeCollector {
  // subsystem metric prefix -> kstat file, as node_exporter 1.5 maps them
  private static final String[][] SUBSYSTEMS = {
    {"zfs_abd", "abdstats"},
    {"zfs_arc", "arcstats"},
    {"zfs_dbuf", "dbufstats"},
    {"zfs_dmu_tx", "dmu_tx"},
    {"zfs_dnode", "dnodestats"},
    {"zfs_fm", "fm"},
    {"zfs_vdev_cache", "vdev_cache_stats"},
    {"zfs_vdev_mirror", "vdev_mirror_stats"},
    {"zfs_xuio", "xuio_stats"},
    {"zfs_zfetch", "zfetchstats"},
    {"zfs_zil", "zil"},
  };
  private static final String[] POOL_STATES = {
    "online", "degraded", "faulted", "offline", "removed", "unavail"
  };
  private static final String UINT64 = "4";

  private final HostPaths paths;
  private final Map<String, String[]> names = new HashMap<>();

  /** Reads {@code spl/kstat/zfs} under {@code paths.procfs()}. */
  public ZfsCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "zfs";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path base = paths.proc("spl", "kstat", "zfs");
    if (!Files.exists(base)) {
      throw new NoDataException("ZFS / ZFS statistics are not available");
    }
    for (String[] sub : SUBSYSTEMS) {
      String text;
      try {
        text = HostFiles.readWhole(base.resolve(sub[1]));
      } catch (IOException e) {
        continue; // kstat files come with ZFS features; a missing one is fine
      }
      boolean started = false;
      for (String line : ProcText.lines(text)) {
        String[] f = ProcText.fields(line);
        if (!started) {
          started =
              f.length == 3 && f[0].equals("name") && f[1].equals("type") && f[2].equals("data");
          continue;
        }
        if (f.length < 3 || !f[1].equals(UINT64)) {
          continue;
        }
        String key = "kstat.zfs.misc." + sub[1] + "." + f[0];
        String[] metric =
            names.computeIfAbsent(
                key, k -> new String[] {"node_" + sub[0] + "_" + metricName(f[0]), k});
        sink.untyped(metric[0], metric[1], parse(f[2], key));
      }
      if (!started) {
        throw new IOException("did not parse a single \"" + sub[1] + "\" metric");
      }
    }
    pools(sink, base);
  }

  private void pools(MetricSink sink, Path base) throws IOException {
    List<Path> pools = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(base, Files::isDirectory)) {
      for (Path p : dir) {
        pools.add(p);
      }
    }
    pools.sort(null);
    for (Path pool : pools) {
      Path io = pool.resolve("io");
      if (Files.exists(io)) {
        poolIo(sink, pool.getFileName().toString(), readOrNoData(io));
      }
    }
    for (Path pool : pools) {
      List<Path> objsets = new ArrayList<>();
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(pool, "objset-*")) {
        for (Path p : dir) {
          objsets.add(p);
        }
      }
      objsets.sort(null);
      for (Path objset : objsets) {
        objset(sink, pool.getFileName().toString(), readOrNoData(objset));
      }
    }
    for (Path pool : pools) {
      Path state = pool.resolve("state");
      if (!Files.exists(state)) {
        continue;
      }
      String text = readOrNoData(state);
      int nl = text.indexOf('\n');
      String actual = (nl < 0 ? text : text.substring(0, nl)).toLowerCase(Locale.ROOT);
      MetricSink.Family states =
          sink.family("node_zfs_zpool_state", MetricType.GAUGE, "kstat.zfs.misc.state");
      for (String s : POOL_STATES) {
        states.add(s.equals(actual) ? 1 : 0, "zpool", pool.getFileName().toString(), "state", s);
      }
    }
  }

  private void poolIo(MetricSink sink, String pool, String text) throws IOException {
    String[] header = null;
    for (String line : ProcText.lines(text)) {
      String[] f = ProcText.fields(line);
      if (header == null) {
        if (f.length >= 12 && f[0].equals("nread")) {
          header = f;
        }
        continue;
      }
      for (int i = 0; i < header.length; i++) {
        String key = "kstat.zfs.misc.io." + header[i];
        if (i >= f.length) {
          throw new IOException("could not parse expected integer value for \"" + key + "\"");
        }
        sink.family("node_zfs_zpool_" + metricName(header[i]), MetricType.UNTYPED, key)
            .add(parse(f[i], key), "zpool", pool);
      }
    }
  }

  private void objset(MetricSink sink, String pool, String text) throws IOException {
    boolean started = false;
    String dataset = "";
    for (String line : ProcText.lines(text)) {
      String[] f = ProcText.fields(line);
      if (!started) {
        started =
            f.length == 3 && f[0].equals("name") && f[1].equals("type") && f[2].equals("data");
        continue;
      }
      if (f.length < 3) {
        continue;
      }
      if (f[0].equals("dataset_name")) {
        dataset = f[2];
        continue;
      }
      if (f[1].equals(UINT64)) {
        String key = "kstat.zfs.misc.objset." + f[0];
        sink.family("node_zfs_zpool_dataset_" + metricName(f[0]), MetricType.UNTYPED, key)
            .add(parse(f[2], key), "zpool", pool, "dataset", dataset);
      }
    }
    if (!started) {
      throw new IOException("did not parse a single " + pool + " " + dataset + " metric");
    }
  }

  private static String readOrNoData(Path file) throws IOException {
    try {
      return HostFiles.readWhole(file);
    } catch (NoSuchFileException e) {
      // an exporting pool removes its files between listing and reading
      throw new NoDataException("Cannot open file for reading: " + file);
    }
  }

  private static double parse(String value, String key) throws IOException {
    try {
      return ProcText.u64(value);
    } catch (NumberFormatException e) {
      throw new IOException("could not parse expected integer value for \"" + key + "\"", e);
    }
  }

  private static String metricName(String kstat) {
    return kstat.replace('-', '_');
  }
}
