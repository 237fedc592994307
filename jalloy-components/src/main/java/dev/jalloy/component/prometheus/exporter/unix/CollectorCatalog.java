package dev.jalloy.component.prometheus.exporter.unix;

import dev.jalloy.component.prometheus.exporter.unix.PrometheusExporterUnix.Regexes;
import dev.jalloy.component.prometheus.exporter.unix.collectors.ArpCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.BcacheCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.BondingCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.BtrfsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.BuddyinfoCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.ConntrackCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.CpuCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.CpufreqCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.DeviceFilter;
import dev.jalloy.component.prometheus.exporter.unix.collectors.DiskstatsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.DmiCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.EdacCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.EntropyCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.FibrechannelCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.FilefdCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.FilesystemCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.HwmonCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.InfinibandCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.InterruptsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.IpvsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.LoadavgCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.MdadmCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.MeminfoCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.MeminfoNumaCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.NetclassCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.NetdevCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.NetstatCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.NfsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.NfsdCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.NvmeCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.OsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.PowerSupplyClassCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.PressureCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.ProcessesCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.RaplCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.SchedstatCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.SelinuxCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.SockstatCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.SoftnetCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.StatCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.SystemdCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.TapestatsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.TextfileCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.ThermalZoneCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.TimeCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.TimexCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.UdpQueuesCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.UnameCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.VmstatCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.XfsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.ZfsCollector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The collectors jalloy has, one line each: the name, whether node_exporter enables it by default
 * on Linux, and how to build it from the arguments. A selected name without a line here is skipped,
 * as node_exporter skips collectors its platform does not have.
 *
 * <p>Adding a collector: write the class in {@code collectors}, add its line here ({@code on} for
 * node_exporter's Linux defaults, {@code off} for the optional ones; {@code CollectorCatalogTest}
 * checks which), and add its files under the homelab fixture tree with its series in {@code
 * expected.prom}. {@code NodeExporterConformanceTest} then compares its families with the real
 * node_exporter's without further changes, provided its family prefix is in that test's map.
 */
public final class CollectorCatalog {
  private CollectorCatalog() {}

  /** Builds a collector for one configuration. */
  @FunctionalInterface
  public interface Factory {
    /** A collector reading {@code paths} with the settings of {@code arguments}' blocks. */
    NodeCollector create(HostPaths paths, PrometheusExporterUnix.Arguments arguments);
  }

  /**
   * One collector.
   *
   * @param name node_exporter's name
   * @param enabledByDefault on unless disabled
   * @param factory how to build it
   */
  public record Entry(String name, boolean enabledByDefault, Factory factory) {}

  private static final Map<String, Entry> ENTRIES =
      index(
          on(
              "arp",
              (p, a) ->
                  new ArpCollector(p, devices(a.arp().deviceInclude(), a.arp().deviceExclude()))),
          on("bcache", (p, a) -> new BcacheCollector(p, a.bcache().priorityStats())),
          on("bonding", (p, a) -> new BondingCollector(p)),
          on("btrfs", (p, a) -> new BtrfsCollector(p)),
          off("buddyinfo", (p, a) -> new BuddyinfoCollector(p)),
          on("conntrack", (p, a) -> new ConntrackCollector(p)),
          on("cpu", (p, a) -> cpu(p, a.cpu())),
          on("cpufreq", (p, a) -> new CpufreqCollector(p)),
          on(
              "diskstats",
              (p, a) ->
                  new DiskstatsCollector(
                      p, devices(a.disk().deviceInclude(), a.disk().deviceExclude()))),
          on("dmi", (p, a) -> new DmiCollector(p)),
          on("edac", (p, a) -> new EdacCollector(p)),
          on("entropy", (p, a) -> new EntropyCollector(p)),
          on("fibrechannel", (p, a) -> new FibrechannelCollector(p)),
          on("filefd", (p, a) -> new FilefdCollector(p)),
          on("filesystem", (p, a) -> filesystem(p, a.filesystem())),
          on(
              "hwmon",
              (p, a) ->
                  new HwmonCollector(
                      p,
                      optional("chip_include", a.hwmon().chipInclude()),
                      optional("chip_exclude", a.hwmon().chipExclude()))),
          on("infiniband", (p, a) -> new InfinibandCollector(p)),
          off("interrupts", (p, a) -> new InterruptsCollector(p)),
          on("ipvs", (p, a) -> new IpvsCollector(p, a.ipvs().backendLabels())),
          on("loadavg", (p, a) -> new LoadavgCollector(p)),
          on("mdadm", (p, a) -> new MdadmCollector(p)),
          on("meminfo", (p, a) -> new MeminfoCollector(p)),
          off("meminfo_numa", (p, a) -> new MeminfoNumaCollector(p)),
          on(
              "netclass",
              (p, a) ->
                  new NetclassCollector(
                      p,
                      Regexes.compile("ignored_devices", a.netclass().ignoredDevices()),
                      a.netclass().ignoreInvalidSpeedDevice())),
          on(
              "netdev",
              (p, a) ->
                  new NetdevCollector(
                      p,
                      devices(a.netdev().deviceInclude(), a.netdev().deviceExclude()),
                      a.netdev().addressInfo())),
          on(
              "netstat",
              (p, a) -> new NetstatCollector(p, Regexes.compile("fields", a.netstat().fields()))),
          on("nfs", (p, a) -> new NfsCollector(p)),
          on("nfsd", (p, a) -> new NfsdCollector(p)),
          on("nvme", (p, a) -> new NvmeCollector(p)),
          on("os", (p, a) -> new OsCollector(p)),
          on(
              "powersupplyclass",
              (p, a) ->
                  new PowerSupplyClassCollector(
                      p, Regexes.compile("ignored_supplies", a.powersupply().ignoredSupplies()))),
          on("pressure", (p, a) -> new PressureCollector(p)),
          off("processes", (p, a) -> new ProcessesCollector(p)),
          on("rapl", (p, a) -> new RaplCollector(p)),
          on("schedstat", (p, a) -> new SchedstatCollector(p)),
          on("selinux", (p, a) -> new SelinuxCollector(p)),
          on("sockstat", (p, a) -> new SockstatCollector(p)),
          on("softnet", (p, a) -> new SoftnetCollector(p)),
          on("stat", (p, a) -> new StatCollector(p)),
          off("systemd", (p, a) -> systemd(p, a.systemd())),
          on(
              "tapestats",
              (p, a) ->
                  new TapestatsCollector(
                      p, Regexes.compile("ignored_devices", a.tapestats().ignoredDevices()))),
          on("textfile", (p, a) -> new TextfileCollector(a.textfile().directory())),
          on("thermal_zone", (p, a) -> new ThermalZoneCollector(p)),
          on("time", (p, a) -> new TimeCollector(p)),
          on("timex", (p, a) -> new TimexCollector()),
          on("udp_queues", (p, a) -> new UdpQueuesCollector(p)),
          on("uname", (p, a) -> new UnameCollector()),
          on(
              "vmstat",
              (p, a) -> new VmstatCollector(p, Regexes.compile("fields", a.vmstat().fields()))),
          on("xfs", (p, a) -> new XfsCollector(p)),
          on("zfs", (p, a) -> new ZfsCollector(p)));

  /** Every collector jalloy has, by name. */
  public static Collection<Entry> all() {
    return Collections.unmodifiableCollection(ENTRIES.values());
  }

  /** The collector of this name, when jalloy has it. */
  public static Optional<Entry> entry(String name) {
    return Optional.ofNullable(ENTRIES.get(name));
  }

  /** Builds the selected collectors that exist, in name order. */
  public static List<NodeCollector> build(
      Set<String> selected, HostPaths paths, PrometheusExporterUnix.Arguments arguments) {
    List<NodeCollector> collectors = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(selected)) {
      Entry e = ENTRIES.get(name);
      if (e != null) {
        collectors.add(e.factory().create(paths, arguments));
      }
    }
    return collectors;
  }

  private static NodeCollector filesystem(
      HostPaths paths, PrometheusExporterUnix.FilesystemBlock block) {
    return new FilesystemCollector(
        paths,
        Regexes.compile("mount_points_exclude", block.mountPointsExclude()),
        Regexes.compile("fs_types_exclude", block.fsTypesExclude()),
        block.mountTimeout());
  }

  private static NodeCollector cpu(HostPaths paths, PrometheusExporterUnix.CpuBlock block) {
    return new CpuCollector(
        paths,
        block.guest(),
        block.info(),
        optional("flags_include", block.flagsInclude()),
        optional("bugs_include", block.bugsInclude()));
  }

  private static NodeCollector systemd(HostPaths paths, PrometheusExporterUnix.SystemdBlock block) {
    // node_exporter anchors the unit patterns.
    return new SystemdCollector(
        paths,
        Regexes.compile("unit_include", "^(?:" + block.unitInclude() + ")$"),
        Regexes.compile("unit_exclude", "^(?:" + block.unitExclude() + ")$"),
        block.enableRestarts(),
        block.startTime(),
        block.taskMetrics());
  }

  /** An include/exclude pair; an empty pattern filters nothing, as in node_exporter. */
  private static DeviceFilter devices(String include, String exclude) {
    return new DeviceFilter(
        optional("device_include", include), optional("device_exclude", exclude));
  }

  private static Optional<com.google.re2j.Pattern> optional(String attribute, String regex) {
    return regex.isEmpty() ? Optional.empty() : Optional.of(Regexes.compile(attribute, regex));
  }

  private static Entry on(String name, Factory factory) {
    return new Entry(name, true, factory);
  }

  private static Entry off(String name, Factory factory) {
    return new Entry(name, false, factory);
  }

  private static Map<String, Entry> index(Entry... entries) {
    Map<String, Entry> byName = new TreeMap<>();
    for (Entry e : entries) {
      if (byName.put(e.name(), e) != null) {
        throw new IllegalStateException("collector listed twice: " + e.name());
      }
    }
    return Collections.unmodifiableMap(byName);
  }
}
