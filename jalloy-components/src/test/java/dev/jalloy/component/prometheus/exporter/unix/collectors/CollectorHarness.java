package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.ExpositionWriter;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Runs a collector on a host tree and renders what it wrote as node_exporter would. */
final class CollectorHarness {
  private CollectorHarness() {}

  /** The committed fixture tree: {@code proc/}, {@code sys/}, {@code udev/}, {@code expected/}. */
  static Path fixtures() {
    try {
      return Path.of(CollectorHarness.class.getResource("/unix/fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static HostPaths paths(Path root) {
    return new HostPaths(
        root.resolve("proc"), root.resolve("sys"), root.resolve("root"), root.resolve("udev"));
  }

  static String expected(String collector) throws IOException {
    return Files.readString(fixtures().resolve("expected").resolve(collector + ".prom"), UTF_8);
  }

  static String render(NodeCollector collector) throws IOException, InterruptedException {
    MetricSink sink = new MetricSink();
    collector.collect(sink);
    return render(sink);
  }

  static String render(MetricSink sink) {
    StringBuilder out = new StringBuilder();
    ExpositionWriter.write(List.of(sink), out);
    return out.toString();
  }

  static Optional<Pattern> pattern(String regex) {
    return Optional.of(Pattern.compile(regex));
  }

  /**
   * Every collector of this package with the settings node_exporter 1.5 runs with by default on
   * this machine (cpu with info, guest and a flags/bugs filter, so every family shows).
   */
  static final List<Named> ALL =
      List.of(
          new Named("arp", p -> new ArpCollector(p, DeviceFilter.all())),
          new Named("buddyinfo", BuddyinfoCollector::new),
          new Named("conntrack", ConntrackCollector::new),
          new Named(
              "cpu",
              p ->
                  new CpuCollector(
                      p, true, true, pattern("^(avx2|sse4_2|nosuchflag)$"), pattern("spectre"))),
          new Named(
              "diskstats",
              p ->
                  new DiskstatsCollector(
                      p,
                      new DeviceFilter(
                          Optional.empty(), pattern(DiskstatsCollector.DEFAULT_DEVICE_EXCLUDE)))),
          new Named("entropy", EntropyCollector::new),
          new Named("filefd", FilefdCollector::new),
          new Named("interrupts", InterruptsCollector::new),
          new Named("ipvs", p -> new IpvsCollector(p, IpvsCollector.DEFAULT_BACKEND_LABELS)),
          new Named("loadavg", LoadavgCollector::new),
          new Named("mdadm", MdadmCollector::new),
          new Named("meminfo", MeminfoCollector::new),
          new Named("meminfo_numa", MeminfoNumaCollector::new),
          new Named(
              "netdev",
              p ->
                  new NetdevCollector(
                      p,
                      new DeviceFilter(
                          Optional.empty(), pattern(NetdevCollector.DEFAULT_DEVICE_EXCLUDE)),
                      false)),
          new Named(
              "netstat",
              p -> new NetstatCollector(p, Pattern.compile(NetstatCollector.DEFAULT_FIELDS))),
          new Named("nfs", NfsCollector::new),
          new Named("nfsd", NfsdCollector::new),
          new Named("pressure", PressureCollector::new),
          new Named("processes", ProcessesCollector::new),
          new Named("schedstat", SchedstatCollector::new),
          new Named("selinux", SelinuxCollector::new),
          new Named("sockstat", SockstatCollector::new),
          new Named("softnet", SoftnetCollector::new),
          new Named("stat", StatCollector::new),
          new Named("udp_queues", UdpQueuesCollector::new),
          new Named(
              "vmstat",
              p -> new VmstatCollector(p, Pattern.compile(VmstatCollector.DEFAULT_FIELDS))),
          new Named("zfs", ZfsCollector::new));

  /** A collector's node_exporter name and how to build it on a host tree. */
  record Named(String name, Function<HostPaths, NodeCollector> factory) {
    NodeCollector on(HostPaths paths) {
      return factory.apply(paths);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
