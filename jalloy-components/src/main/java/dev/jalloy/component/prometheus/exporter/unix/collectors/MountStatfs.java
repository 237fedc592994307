package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.sys.Libc;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code statfs(2)} with a time limit, for mounts that hang (an NFS server gone away). The call
 * runs on its own thread; the scrape waits at most {@code mount_timeout} and then reports the mount
 * as failed. A mount whose call has not returned is "stuck": later scrapes do not call statfs on it
 * again (which would pile up blocked threads) until the stuck call returns, as node_exporter's
 * {@code stuckMounts} does.
 *
 * <p>The calls run on platform threads: a thread blocked in native code pins a virtual thread's
 * carrier, and a few hung mounts would otherwise stall every virtual thread of the process.
 */
final class MountStatfs {
  /** One statfs call. */
  @FunctionalInterface
  interface StatfsCall {
    Libc.Statfs statfs(Path path) throws IOException;
  }

  /**
   * Shared by every filesystem collector of the process: a reload must not start another call on a
   * mount that is still stuck.
   */
  static final MountStatfs SHARED = new MountStatfs(Libc::statfs);

  private static final ExecutorService CALLERS =
      Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("statfs-", 0).factory());

  private final StatfsCall call;
  private final Set<String> stuck = ConcurrentHashMap.newKeySet();

  MountStatfs(StatfsCall call) {
    this.call = call;
  }

  /**
   * The mount's statistics; empty when the mount is stuck, now or since an earlier scrape.
   *
   * @param path where to call statfs (the mount point under the root filesystem), also the key
   *     under which a stuck mount is remembered: components with different root filesystems do not
   *     share entries
   * @throws IOException when statfs fails (permission, stale handle)
   */
  Optional<Libc.Statfs> statfs(Path path, Duration timeout)
      throws IOException, InterruptedException {
    String mountPoint = path.toString();
    if (stuck.contains(mountPoint)) {
      return Optional.empty();
    }
    AtomicBoolean returned = new AtomicBoolean();
    Future<Libc.Statfs> result =
        CALLERS.submit(
            () -> {
              try {
                return call.statfs(path);
              } finally {
                returned.set(true);
                stuck.remove(mountPoint); // recovered: the next scrape calls statfs again
              }
            });
    try {
      return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      stuck.add(mountPoint);
      if (returned.get()) {
        stuck.remove(mountPoint); // it returned between the timeout and the add
      }
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Whether a call on this path is still blocked. */
  boolean isStuck(Path path) {
    return stuck.contains(path.toString());
  }
}
