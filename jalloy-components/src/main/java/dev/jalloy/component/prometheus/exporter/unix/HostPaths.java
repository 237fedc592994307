package dev.jalloy.component.prometheus.exporter.unix;

import java.nio.file.Path;

/**
 * Where the collectors find the host: node_exporter's {@code --path.procfs}, {@code --path.sysfs},
 * {@code --path.rootfs} and {@code --collector.diskstats.udev-data-path}, which Alloy exposes as
 * {@code procfs_path}, {@code sysfs_path}, {@code rootfs_path} and {@code udev_data_path}. A
 * container that mounts the host's {@code /proc} at {@code /host/proc} points these there.
 *
 * @param procfs the proc filesystem, {@code /proc} by default
 * @param sysfs the sys filesystem, {@code /sys} by default
 * @param rootfs the host's root, {@code /} by default; {@code /etc/os-release} and mount points are
 *     read relative to it
 * @param udevData udev's database, {@code /run/udev/data} by default
 */
public record HostPaths(Path procfs, Path sysfs, Path rootfs, Path udevData) {
  /** The paths of the machine jalloy runs on. */
  public static HostPaths defaults() {
    return new HostPaths(
        Path.of("/proc"), Path.of("/sys"), Path.of("/"), Path.of("/run/udev/data"));
  }

  /** A path under the proc filesystem, e.g. {@code proc("net", "dev")}. */
  public Path proc(String first, String... more) {
    return procfs.resolve(Path.of(first, more));
  }

  /** A path under the sys filesystem, e.g. {@code sys("class", "net")}. */
  public Path sys(String first, String... more) {
    return sysfs.resolve(Path.of(first, more));
  }

  /** A host path under the root filesystem, e.g. {@code root("etc/os-release")}. */
  public Path root(String first, String... more) {
    return rootfs.resolve(Path.of(first, more));
  }

  /**
   * A mount point as the exporter reports it: node_exporter strips the rootfs prefix so that a
   * containerised exporter reports {@code /home}, not {@code /host/root/home}.
   */
  public String stripRootfs(String mountPoint) {
    String root = rootfs.toString();
    if (root.equals("/") || !mountPoint.startsWith(root)) {
      return mountPoint;
    }
    String stripped = mountPoint.substring(root.length());
    return stripped.isEmpty() ? "/" : stripped;
  }
}
