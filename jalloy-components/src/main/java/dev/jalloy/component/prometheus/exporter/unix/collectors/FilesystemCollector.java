package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import dev.jalloy.component.prometheus.exporter.unix.sys.Libc;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * node_exporter's {@code filesystem} collector (filesystem_linux.go): the mounts of {@code
 * <procfs>/1/mounts} (the host's mount namespace; {@code <procfs>/mounts} when hidepid hides PID 1)
 * that the exclude patterns keep, each measured with {@code statfs(2)} under the root filesystem. A
 * mount whose statfs fails or times out gets only {@code node_filesystem_device_error 1}.
 */
public final class FilesystemCollector implements NodeCollector {
  private static final String[] LABELS = {"device", "fstype", "mountpoint"};

  private final HostPaths paths;
  private final Pattern mountPointsExclude;
  private final Pattern fsTypesExclude;
  private final Duration mountTimeout;
  private final MountStatfs statfs;

  /** Reads the host with node_exporter's settings from the {@code filesystem} block. */
  public FilesystemCollector(
      HostPaths paths, Pattern mountPointsExclude, Pattern fsTypesExclude, Duration mountTimeout) {
    this(paths, mountPointsExclude, fsTypesExclude, mountTimeout, MountStatfs.SHARED);
  }

  FilesystemCollector(
      HostPaths paths,
      Pattern mountPointsExclude,
      Pattern fsTypesExclude,
      Duration mountTimeout,
      MountStatfs statfs) {
    this.paths = paths;
    this.mountPointsExclude = mountPointsExclude;
    this.fsTypesExclude = fsTypesExclude;
    this.mountTimeout = mountTimeout;
    this.statfs = statfs;
  }

  @Override
  public String name() {
    return "filesystem";
  }

  /** One line of a mounts file, the mount point already without the rootfs prefix. */
  record Mount(String device, String mountPoint, String fsType, String options) {}

  @Override
  public void collect(MetricSink sink) throws IOException, InterruptedException {
    MetricSink.Family deviceError =
        sink.family(
            "node_filesystem_device_error",
            MetricType.GAUGE,
            "Whether an error occurred while getting statistics for the given device.");
    MetricSink.Family size =
        sink.family("node_filesystem_size_bytes", MetricType.GAUGE, "Filesystem size in bytes.");
    MetricSink.Family free =
        sink.family(
            "node_filesystem_free_bytes", MetricType.GAUGE, "Filesystem free space in bytes.");
    MetricSink.Family avail =
        sink.family(
            "node_filesystem_avail_bytes",
            MetricType.GAUGE,
            "Filesystem space available to non-root users in bytes.");
    MetricSink.Family files =
        sink.family("node_filesystem_files", MetricType.GAUGE, "Filesystem total file nodes.");
    MetricSink.Family filesFree =
        sink.family(
            "node_filesystem_files_free", MetricType.GAUGE, "Filesystem total free file nodes.");
    MetricSink.Family readonly =
        sink.family("node_filesystem_readonly", MetricType.GAUGE, "Filesystem read-only status.");

    Set<List<String>> seen = new HashSet<>(); // a mount listed twice is reported once
    for (Mount m : mounts()) {
      if (mountPointsExclude.matcher(m.mountPoint()).find()
          || fsTypesExclude.matcher(m.fsType()).find()
          || !seen.add(List.of(m.device(), m.fsType(), m.mountPoint()))) {
        continue;
      }
      String[] labels = {LABELS[0], m.device(), LABELS[1], m.fsType(), LABELS[2], m.mountPoint()};
      Optional<Libc.Statfs> stats;
      try {
        stats = statfs.statfs(underRoot(m.mountPoint()), mountTimeout);
      } catch (IOException e) {
        stats = Optional.empty(); // node_exporter logs this at debug level only
      }
      if (stats.isEmpty()) {
        deviceError.add(1, labels);
        continue;
      }
      Libc.Statfs s = stats.get();
      double blockSize = s.blockSize();
      deviceError.add(0, labels);
      size.add(unsigned(s.blocks()) * blockSize, labels);
      free.add(unsigned(s.blocksFree()) * blockSize, labels);
      avail.add(unsigned(s.blocksAvailable()) * blockSize, labels);
      files.add(unsigned(s.files()), labels);
      filesFree.add(unsigned(s.filesFree()), labels);
      readonly.add(List.of(m.options().split(",")).contains("ro") ? 1 : 0, labels);
    }
  }

  private List<Mount> mounts() throws IOException {
    List<String> lines;
    try {
      lines = HostFiles.readLines(paths.proc("1", "mounts"));
    } catch (NoSuchFileException e) {
      lines = HostFiles.readLines(paths.proc("mounts"));
    }
    List<Mount> mounts = new java.util.ArrayList<>(lines.size());
    for (String line : lines) {
      if (!line.isBlank()) {
        mounts.add(parse(line));
      }
    }
    return mounts;
  }

  private Mount parse(String line) throws IOException {
    String[] parts = line.strip().split("\\s+");
    if (parts.length < 4) {
      throw new IOException("malformed mount point information: \"" + line + "\"");
    }
    // fstab(5) escapes: the kernel writes a space in a mount point as \040, a tab as \011
    String mountPoint = parts[1].replace("\\040", " ").replace("\\011", "\t");
    return new Mount(parts[0], paths.stripRootfs(mountPoint), parts[2], parts[3]);
  }

  private Path underRoot(String mountPoint) {
    String relative = mountPoint.startsWith("/") ? mountPoint.substring(1) : mountPoint;
    return relative.isEmpty() ? paths.rootfs() : paths.rootfs().resolve(relative);
  }

  /** statfs counts are unsigned 64-bit, as Go's uint64 fields. */
  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }
}
