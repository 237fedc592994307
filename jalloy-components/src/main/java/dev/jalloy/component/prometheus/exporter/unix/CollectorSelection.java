package dev.jalloy.component.prometheus.exporter.unix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which collectors run, by Alloy's rules (internal/static/integrations/node_exporter): start from
 * node_exporter's defaults, or from exactly {@code set_collectors} when it is not empty; remove
 * {@code disable_collectors}; then add {@code enable_collectors}, so enable wins a conflict (the
 * code's behaviour, although Alloy's docs say disable wins); finally drop the collectors that do
 * not exist on Linux. Names node_exporter does not know at all are ignored, as Alloy ignores flags
 * kingpin does not define, and reported so the component can warn.
 */
public final class CollectorSelection {
  private CollectorSelection() {}

  /** node_exporter's collectors enabled by default on Linux. */
  public static final Set<String> LINUX_DEFAULTS =
      Set.of(
          "arp",
          "bcache",
          "bonding",
          "btrfs",
          "conntrack",
          "cpu",
          "cpufreq",
          "diskstats",
          "dmi",
          "edac",
          "entropy",
          "fibrechannel",
          "filefd",
          "filesystem",
          "hwmon",
          "infiniband",
          "ipvs",
          "loadavg",
          "mdadm",
          "meminfo",
          "netclass",
          "netdev",
          "netstat",
          "nfs",
          "nfsd",
          "nvme",
          "os",
          "powersupplyclass",
          "pressure",
          "rapl",
          "schedstat",
          "selinux",
          "sockstat",
          "softnet",
          "stat",
          "tapestats",
          "textfile",
          "thermal_zone",
          "time",
          "timex",
          "udp_queues",
          "uname",
          "vmstat",
          "xfs",
          "zfs");

  /** node_exporter's Linux collectors that are off unless enabled. */
  public static final Set<String> LINUX_OPTIONAL =
      Set.of(
          "buddyinfo",
          "cgroups",
          "devstat",
          "drbd",
          "drm",
          "ethtool",
          "interrupts",
          "ksmd",
          "lnstat",
          "logind",
          "meminfo_numa",
          "mountstats",
          "network_route",
          "ntp",
          "perf",
          "processes",
          "qdisc",
          "runit",
          "slabinfo",
          "softirqs",
          "supervisord",
          "sysctl",
          "systemd",
          "tcpstat",
          "wifi",
          "zoneinfo");

  /** Collectors of node_exporter's other platforms: accepted, never run here. */
  static final Set<String> OTHER_PLATFORMS =
      Set.of("boottime", "cpu_vulnerabilities", "exec", "netisr", "thermal", "meminfo_linux");

  /**
   * The outcome.
   *
   * @param enabled the Linux collectors to run, sorted
   * @param unknown names no node_exporter platform knows, in the order written
   */
  public record Result(SortedSet<String> enabled, List<String> unknown) {
    /** Copies. */
    public Result {
      enabled = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(enabled));
      unknown = List.copyOf(unknown);
    }
  }

  /** Applies the arguments' collector lists. */
  public static Result select(PrometheusExporterUnix.Arguments arguments) {
    return select(
        arguments.setCollectors(), arguments.enableCollectors(), arguments.disableCollectors());
  }

  /** Applies the three lists, in Alloy's order. */
  public static Result select(
      Collection<String> set, Collection<String> enable, Collection<String> disable) {
    SortedSet<String> on = new TreeSet<>(set.isEmpty() ? LINUX_DEFAULTS : set);
    on.removeAll(disable);
    on.addAll(enable);
    List<String> unknown = new ArrayList<>();
    for (String name : concat(set, enable, disable)) {
      if (!known(name) && !unknown.contains(name)) {
        unknown.add(name);
      }
    }
    on.removeIf(name -> !LINUX_DEFAULTS.contains(name) && !LINUX_OPTIONAL.contains(name));
    return new Result(on, unknown);
  }

  private static boolean known(String name) {
    return LINUX_DEFAULTS.contains(name)
        || LINUX_OPTIONAL.contains(name)
        || OTHER_PLATFORMS.contains(name);
  }

  private static List<String> concat(
      Collection<String> a, Collection<String> b, Collection<String> c) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }
}
