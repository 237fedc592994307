package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * node_exporter's {@code selinux} collector: {@code node_selinux_enabled}, and when SELinux is
 * enabled the configured mode ({@code /etc/selinux/config} under the root filesystem) and the
 * current mode ({@code enforce} in selinuxfs), as 1 enforcing, 0 permissive, -1 disabled. SELinux
 * counts as enabled when selinuxfs is mounted at {@code /sys/fs/selinux} and the process's context
 * is not {@code kernel}, which is go-selinux's test.
 */
public final class SelinuxCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code fs/selinux} under {@code paths.sysfs()} and {@code etc/selinux/config}. */
  public SelinuxCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "selinux";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path selinuxfs = paths.sys("fs", "selinux");
    Path enforce = selinuxfs.resolve("enforce");
    boolean enabled = Files.isRegularFile(enforce) && !kernelContext();
    if (!enabled) {
      sink.gauge("node_selinux_enabled", "SELinux is enabled, 1 is true, 0 is false", 0);
      return;
    }
    sink.gauge("node_selinux_enabled", "SELinux is enabled, 1 is true, 0 is false", 1);
    sink.gauge("node_selinux_config_mode", "Configured SELinux enforcement mode", configuredMode());
    String current = HostFiles.readWhole(enforce).strip();
    sink.gauge(
        "node_selinux_current_mode",
        "Current SELinux enforcement mode",
        current.equals("1") ? 1 : current.equals("0") ? 0 : -1);
  }

  private boolean kernelContext() {
    try {
      String ctx = HostFiles.readWhole(paths.proc("self", "attr", "current"));
      return ctx.replace("\0", "").strip().equals("kernel");
    } catch (IOException e) {
      return false;
    }
  }

  private int configuredMode() {
    try {
      for (String line :
          ProcText.lines(HostFiles.readWhole(paths.root("etc", "selinux", "config")))) {
        String l = line.strip();
        if (l.startsWith("SELINUX=")) {
          return switch (l.substring("SELINUX=".length()).strip().toLowerCase(Locale.ROOT)) {
            case "enforcing" -> 1;
            case "permissive" -> 0;
            default -> -1;
          };
        }
      }
    } catch (IOException e) {
      // go-selinux reports disabled when the config cannot be read
    }
    return -1;
  }
}
