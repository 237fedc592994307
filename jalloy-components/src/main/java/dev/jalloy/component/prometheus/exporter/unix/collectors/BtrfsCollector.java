package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's {@code btrfs} collector ({@code collector/btrfs_linux.go} with procfs's {@code
 * btrfs/get.go}): label, global reserve, allocation per block group type and layout, and device
 * sizes of every filesystem in {@code /sys/fs/btrfs/<uuid>}. node_exporter additionally asks
 * mounted filesystems for per-device error counters through an ioctl; that part is not implemented,
 * so {@code node_btrfs_device_size_bytes} always comes from sysfs (node_exporter's fallback,
 * labelled by device only). A host without btrfs succeeds with nothing.
 */
public final class BtrfsCollector implements NodeCollector {
  private static final String[] TYPES = {"data", "metadata", "system"};

  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public BtrfsCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "btrfs";
  }

  private record Layout(String name, double total, double used, double ratio) {}

  private record Filesystem(
      String uuid,
      String label,
      double globalRsvSize,
      List<String> devices,
      double[] deviceSizes,
      double[] reserved,
      List<List<Layout>> layouts) {}

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path root = paths.sys("fs", "btrfs");
    List<String> names;
    try {
      names = SysFiles.list(root);
    } catch (NoSuchFileException e) {
      return; // procfs globs fs/btrfs/*-*; nothing matches
    }
    List<Filesystem> filesystems = new ArrayList<>();
    for (String name : names) {
      if (name.indexOf('-') >= 0) {
        filesystems.add(read(root.resolve(name), name));
      }
    }
    for (Filesystem fs : filesystems) {
      String uuid = fs.uuid;
      sink.gauge("node_btrfs_info", "Filesystem information", 1, "uuid", uuid, "label", fs.label);
      sink.gauge(
          "node_btrfs_global_rsv_size_bytes",
          "Size of global reserve.",
          fs.globalRsvSize,
          "uuid",
          uuid);
      for (int t = 0; t < TYPES.length; t++) {
        sink.gauge(
            "node_btrfs_reserved_bytes",
            "Amount of space reserved for a data type",
            fs.reserved[t],
            "uuid",
            uuid,
            "block_group_type",
            TYPES[t]);
        for (Layout layout : fs.layouts.get(t)) {
          String[] labels = {"uuid", uuid, "block_group_type", TYPES[t], "mode", layout.name};
          sink.gauge(
              "node_btrfs_used_bytes",
              "Amount of used space by a layout/data type",
              layout.used,
              labels);
          sink.gauge(
              "node_btrfs_size_bytes",
              "Amount of space allocated for a layout/data type",
              layout.total,
              labels);
          sink.gauge(
              "node_btrfs_allocation_ratio",
              "Data allocation ratio for a layout/data type",
              layout.ratio,
              labels);
        }
      }
      for (int d = 0; d < fs.devices.size(); d++) {
        sink.gauge(
            "node_btrfs_device_size_bytes",
            "Size of a device that is part of the filesystem.",
            fs.deviceSizes[d],
            "uuid",
            uuid,
            "device",
            fs.devices.get(d));
      }
    }
  }

  private static Filesystem read(Path dir, String name) throws IOException {
    Reader r = new Reader(dir);
    List<String> devices = r.list("devices");
    double[] sizes = new double[devices.size()];
    for (int i = 0; i < devices.size(); i++) {
      sizes[i] = 512 * r.value("devices/" + devices.get(i) + "/size");
    }
    r.devCount = devices.size();
    String label = r.text("label");
    String uuid = r.text("metadata_uuid");
    r.list("features");
    r.value("clone_alignment");
    r.value("nodesize");
    r.value("quota_override");
    r.value("sectorsize");
    r.value("allocation/global_rsv_reserved");
    double globalRsvSize = r.value("allocation/global_rsv_size");
    double[] reserved = new double[TYPES.length];
    List<List<Layout>> layouts = new ArrayList<>();
    for (int t = 0; t < TYPES.length; t++) {
      // procfs reads each block group type with a fresh reader and then keeps only its error
      Reader sub = new Reader(dir.resolve("allocation").resolve(TYPES[t]));
      sub.devCount = r.devCount;
      for (String file :
          new String[] {
            "bytes_may_use", "bytes_pinned", "bytes_readonly", "bytes_reserved", "bytes_used",
            "disk_used", "disk_total", "flags", "total_bytes", "total_bytes_pinned"
          }) {
        double v = sub.value(file);
        if (file.equals("bytes_reserved")) {
          reserved[t] = v;
        }
      }
      layouts.add(sub.layouts());
      r.err = sub.err;
    }
    if (r.err != null) {
      throw r.err;
    }
    return new Filesystem(
        uuid.isEmpty() ? name : uuid, label, globalRsvSize, devices, sizes, reserved, layouts);
  }

  /**
   * procfs's sticky-error reader: a missing file reads as empty, an unparsable number as zero, and
   * after any other error every value reads as zero.
   */
  private static final class Reader {
    private final Path dir;
    private IOException err;
    private int devCount;

    Reader(Path dir) {
      this.dir = dir;
    }

    String text(String name) {
      try {
        return HostFiles.readTrimmed(dir.resolve(name));
      } catch (NoSuchFileException e) {
        return "";
      } catch (IOException e) {
        err = e;
        return "";
      }
    }

    double value(String name) {
      String s = text(name);
      if (err != null) {
        return 0;
      }
      Double v = SysFiles.parseUnsigned(s);
      return v == null ? 0 : v;
    }

    List<String> list(String name) {
      try {
        return SysFiles.list(dir.resolve(name));
      } catch (IOException e) {
        err = e;
        return List.of();
      }
    }

    List<Layout> layouts() {
      List<Layout> layouts = new ArrayList<>();
      List<String> entries;
      try {
        entries = SysFiles.list(dir);
      } catch (IOException e) {
        err = e;
        return layouts;
      }
      for (String entry : entries) {
        if (Files.isDirectory(dir.resolve(entry))) {
          double total = value(entry + "/total_bytes");
          double used = value(entry + "/used_bytes");
          layouts.add(new Layout(entry, total, used, ratio(entry)));
        }
      }
      return layouts;
    }

    double ratio(String layout) {
      return switch (layout) {
        case "single", "raid0" -> 1;
        case "dup", "raid1", "raid10" -> 2;
        case "raid5" -> (double) devCount / ((double) devCount - 1);
        case "raid6" -> (double) devCount / ((double) devCount - 2);
        default -> 0;
      };
    }
  }
}
