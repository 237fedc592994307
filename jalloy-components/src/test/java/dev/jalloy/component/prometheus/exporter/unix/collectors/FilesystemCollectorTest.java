package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.PrometheusExporterUnix;
import dev.jalloy.component.prometheus.exporter.unix.sys.ErrnoException;
import dev.jalloy.component.prometheus.exporter.unix.sys.Libc;
import dev.jalloy.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemCollectorTest {
  @TempDir Path tmp;

  private static final PrometheusExporterUnix.FilesystemBlock DEFAULTS =
      PrometheusExporterUnix.FilesystemBlock.defaults();

  private HostPaths paths(String mounts) throws Exception {
    Path proc = Files.createDirectories(tmp.resolve("proc/1"));
    Files.writeString(proc.resolve("mounts"), mounts);
    return new HostPaths(
        tmp.resolve("proc"), tmp.resolve("sys"), tmp.resolve("root"), tmp.resolve("udev"));
  }

  private static FilesystemCollector collector(HostPaths paths, Duration timeout, MountStatfs s) {
    return new FilesystemCollector(
        paths,
        Pattern.compile(DEFAULTS.mountPointsExclude()),
        Pattern.compile(DEFAULTS.fsTypesExclude()),
        timeout,
        s);
  }

  @Test
  void reportsKeptMountsOnceEachWithNodeExportersValues() throws Exception {
    HostPaths paths =
        paths(
            """
            proc /proc proc rw,relatime 0 0
            /dev/sda1 / ext4 rw,relatime 0 0
            /dev/sda1 / ext4 rw,relatime 0 0
            tmpfs /dev/shm tmpfs rw 0 0
            /dev/sdb1 /mnt/my\\040disk xfs ro,noatime 0 0
            cgroup2 /sys/fs/cgroup cgroup2 rw 0 0
            overlay /var/lib/docker/overlay2/x/merged overlay rw 0 0
            /dev/sdc1 /broken ext4 rw 0 0
            """);
    Path root = paths.rootfs();
    MountStatfs statfs =
        new MountStatfs(
            p -> {
              if (p.equals(root)) {
                return new Libc.Statfs(4096, 1000, 600, 500, 300, 200);
              }
              if (p.equals(root.resolve("mnt/my disk"))) {
                return new Libc.Statfs(1024, 10, 5, 4, 3, 2);
              }
              throw new ErrnoException("statfs " + p, 13);
            });
    assertThat(Expositions.collect(collector(paths, Duration.ofSeconds(5), statfs)))
        .isEqualTo(
            """
            # HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.
            # TYPE node_filesystem_avail_bytes gauge
            node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 2.048e+06
            node_filesystem_avail_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/mnt/my disk"} 4096
            # HELP node_filesystem_device_error Whether an error occurred while getting statistics for the given device.
            # TYPE node_filesystem_device_error gauge
            node_filesystem_device_error{device="/dev/sda1",fstype="ext4",mountpoint="/"} 0
            node_filesystem_device_error{device="/dev/sdb1",fstype="xfs",mountpoint="/mnt/my disk"} 0
            node_filesystem_device_error{device="/dev/sdc1",fstype="ext4",mountpoint="/broken"} 1
            # HELP node_filesystem_files Filesystem total file nodes.
            # TYPE node_filesystem_files gauge
            node_filesystem_files{device="/dev/sda1",fstype="ext4",mountpoint="/"} 300
            node_filesystem_files{device="/dev/sdb1",fstype="xfs",mountpoint="/mnt/my disk"} 3
            # HELP node_filesystem_files_free Filesystem total free file nodes.
            # TYPE node_filesystem_files_free gauge
            node_filesystem_files_free{device="/dev/sda1",fstype="ext4",mountpoint="/"} 200
            node_filesystem_files_free{device="/dev/sdb1",fstype="xfs",mountpoint="/mnt/my disk"} 2
            # HELP node_filesystem_free_bytes Filesystem free space in bytes.
            # TYPE node_filesystem_free_bytes gauge
            node_filesystem_free_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 2.4576e+06
            node_filesystem_free_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/mnt/my disk"} 5120
            # HELP node_filesystem_readonly Filesystem read-only status.
            # TYPE node_filesystem_readonly gauge
            node_filesystem_readonly{device="/dev/sda1",fstype="ext4",mountpoint="/"} 0
            node_filesystem_readonly{device="/dev/sdb1",fstype="xfs",mountpoint="/mnt/my disk"} 1
            # HELP node_filesystem_size_bytes Filesystem size in bytes.
            # TYPE node_filesystem_size_bytes gauge
            node_filesystem_size_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 4.096e+06
            node_filesystem_size_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/mnt/my disk"} 10240
            """);
  }

  @Test
  void aHungMountIsReportedAsAnErrorAndNotCalledAgainUntilItReturns() throws Exception {
    HostPaths paths = paths("/dev/sda1 / ext4 rw 0 0\nserver:/export /mnt/nfs nfs4 rw 0 0\n");
    Path nfs = paths.rootfs().resolve("mnt/nfs");
    CountDownLatch serverBack = new CountDownLatch(1);
    AtomicInteger nfsCalls = new AtomicInteger();
    MountStatfs statfs =
        new MountStatfs(
            p -> {
              if (p.equals(nfs)) {
                nfsCalls.incrementAndGet();
                try {
                  serverBack.await(); // the kernel waits for the NFS server
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return new Libc.Statfs(4096, 10, 5, 5, 1, 1);
            });
    FilesystemCollector c = collector(paths, Duration.ofMillis(50), statfs);
    String nfsError =
        "node_filesystem_device_error{device=\"server:/export\",fstype=\"nfs4\",mountpoint=\"/mnt/nfs\"}";

    assertThat(Expositions.collect(c))
        .contains(nfsError + " 1\n")
        .contains(
            "node_filesystem_size_bytes{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"}");
    assertThat(statfs.isStuck(nfs)).isTrue();

    assertThat(Expositions.collect(c)).contains(nfsError + " 1\n");
    assertThat(nfsCalls).as("no second call on a stuck mount").hasValue(1);

    serverBack.countDown();
    Eventually.await(() -> !statfs.isStuck(nfs), "the stuck statfs to return");
    assertThat(Expositions.collect(c))
        .contains(nfsError + " 0\n")
        .contains(
            "node_filesystem_size_bytes{device=\"server:/export\",fstype=\"nfs4\",mountpoint=\"/mnt/nfs\"} 40960");
    assertThat(nfsCalls).hasValue(2);
  }

  @Test
  void fallsBackToProcMountsAndStripsTheRootfsPrefix() throws Exception {
    Path proc = Files.createDirectories(tmp.resolve("proc"));
    Files.writeString(proc.resolve("mounts"), "/dev/sda1 /host/root/home ext4 rw 0 0\n");
    HostPaths paths =
        new HostPaths(proc, tmp.resolve("sys"), Path.of("/host/root"), tmp.resolve("udev"));
    MountStatfs statfs =
        new MountStatfs(
            p -> {
              assertThat(p).isEqualTo(Path.of("/host/root/home"));
              return new Libc.Statfs(1, 1, 1, 1, 1, 1);
            });
    assertThat(Expositions.collect(collector(paths, Duration.ofSeconds(5), statfs)))
        .contains(
            "node_filesystem_size_bytes{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/home\"} 1");
  }

  @Test
  void realStatfsOfTheRootMountMatchesTheJdk() throws Exception {
    Libc.Statfs s = Libc.statfs(Path.of("/"));
    var store = Files.getFileStore(Path.of("/"));
    // the JDK's statvfs counts in f_frsize units, equal to f_bsize on Linux' common filesystems
    assertThat(s.blocks() * s.blockSize()).isEqualTo(store.getTotalSpace());
  }

  @Test
  void realStatfsOfAMissingPathFailsWithItsErrno() {
    assertThatThrownBy(() -> Libc.statfs(tmp.resolve("absent")))
        .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(2))
        .hasMessageContaining("ENOENT");
  }
}
