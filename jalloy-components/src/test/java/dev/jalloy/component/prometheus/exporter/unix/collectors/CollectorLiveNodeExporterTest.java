package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.testkit.RealPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Conformance on this machine: each collector run on the real {@code /proc} writes the families the
 * real node_exporter 1.5 writes for the same collector, with the same types, label names and label
 * values (except where values move between two reads: process states). Values that cannot move
 * between the two reads are compared too. Skipped where the binary is not installed.
 */
class CollectorLiveNodeExporterTest {

  /** Collectors that write metrics here, with the family names they own. */
  static final List<Case> CASES =
      List.of(
          new Case("arp", "^node_arp_"),
          new Case("buddyinfo", "^node_buddyinfo_"),
          new Case("conntrack", "^node_nf_conntrack_"),
          new Case("cpu", "^node_cpu_"),
          new Case("diskstats", "^node_disk_"),
          new Case("entropy", "^node_entropy_"),
          new Case("filefd", "^node_filefd_"),
          new Case("interrupts", "^node_interrupts_"),
          new Case("loadavg", "^node_load"),
          new Case("meminfo", "^node_memory_[A-Z]"),
          new Case("meminfo_numa", "^node_memory_numa_"),
          new Case("netdev", "^node_network_((receive|transmit)_|address_info)"),
          new Case("netstat", "^node_netstat_"),
          new Case("pressure", "^node_pressure_"),
          new Case("processes", "^node_processes_"),
          new Case("selinux", "^node_selinux_"),
          new Case("sockstat", "^node_sockstat_"),
          new Case("softnet", "^node_softnet_"),
          new Case(
              "stat",
              "^node_(boot_time_seconds|context_switches_total|forks_total|intr_total|procs_)"),
          new Case("udp_queues", "^node_udp_queues"),
          new Case("vmstat", "^node_vmstat_"));

  /** Families whose label values may differ between two reads a moment apart. */
  private static final Pattern MOVING_LABELS = Pattern.compile("^node_processes_");

  private static Exposition theirs;

  record Case(String name, String owns) {
    @Override
    public String toString() {
      return name;
    }
  }

  @TempDir static Path logs;

  @BeforeAll
  static void scrapeNodeExporter() throws Exception {
    List<String> flags = new ArrayList<>();
    flags.add("--collector.disable-defaults");
    flags.add("--collector.cpu.info");
    flags.add("--collector.netdev.address-info");
    flags.add("--collector.cpu.info.flags-include=^(avx2|sse4_2)$");
    flags.add("--collector.cpu.info.bugs-include=spectre");
    for (Case c : CASES) {
      flags.add("--collector." + c.name());
    }
    try (RealPeer exporter = RealPeer.nodeExporter(logs, flags)) {
      theirs = Exposition.parse(exporter.get("/metrics"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CASES")
  void sameFamiliesTypesAndLabelsAsNodeExporter(Case c) throws Exception {
    CollectorHarness.Named named =
        CollectorHarness.ALL.stream()
            .filter(n -> n.name().equals(c.name()))
            .findFirst()
            .orElseThrow();
    String rendered =
        CollectorHarness.render(
            switch (c.name()) {
              case "cpu" ->
                  new CpuCollector(
                      HostPaths.defaults(),
                      true,
                      true,
                      CollectorHarness.pattern("^(avx2|sse4_2)$"),
                      CollectorHarness.pattern("spectre"));
              case "netdev" ->
                  new NetdevCollector(
                      HostPaths.defaults(),
                      new DeviceFilter(
                          Optional.empty(),
                          CollectorHarness.pattern(NetdevCollector.DEFAULT_DEVICE_EXCLUDE)),
                      true);
              default -> named.on(HostPaths.defaults());
            });
    Exposition ours = Exposition.parse(rendered);
    Pattern owns = Pattern.compile(c.owns());
    Exposition expected = theirs.only(owns);
    assertThat(expected.families).as("node_exporter writes something for " + c.name()).isNotEmpty();
    assertThat(ours.only(owns).families.keySet()).isEqualTo(ours.families.keySet());
    assertThat(ours.types()).isEqualTo(expected.types());
    assertThat(ours.help()).isEqualTo(expected.help());
    assertThat(ours.labelNames()).isEqualTo(expected.labelNames());
    for (String family : expected.families.keySet()) {
      if (!MOVING_LABELS.matcher(family).find()) {
        assertThat(ours.families.get(family).series.keySet())
            .as(family)
            .isEqualTo(expected.families.get(family).series.keySet());
      }
    }
    switch (c.name()) {
      case "meminfo" -> sameValue(ours, "node_memory_MemTotal_bytes");
      case "stat" -> sameValue(ours, "node_boot_time_seconds");
      case "entropy" -> sameValue(ours, "node_entropy_pool_size_bits");
      case "filefd" -> sameValue(ours, "node_filefd_maximum");
      case "processes" -> sameValue(ours, "node_processes_max_processes");
      case "conntrack" -> sameValue(ours, "node_nf_conntrack_entries_limit");
      case "cpu" -> sameValue(ours, "node_cpu_info");
      default -> {}
    }
  }

  private static void sameValue(Exposition ours, String family) {
    assertThat(ours.families.get(family).series)
        .as(family)
        .isEqualTo(theirs.families.get(family).series);
  }

  /** A parsed text exposition: families with type, help and series (label text → value). */
  static final class Exposition {
    final Map<String, Family> families = new TreeMap<>();

    static final class Family {
      String type = "";
      String help = "";
      final Map<String, String> series = new TreeMap<>();
      final Set<String> labelNames = new TreeSet<>();
    }

    static Exposition parse(String text) {
      Exposition e = new Exposition();
      for (String line : text.split("\n")) {
        if (line.startsWith("# HELP ")) {
          String[] p = line.split(" ", 4);
          e.families.computeIfAbsent(p[2], k -> new Family()).help = p.length > 3 ? p[3] : "";
        } else if (line.startsWith("# TYPE ")) {
          String[] p = line.split(" ", 4);
          e.families.computeIfAbsent(p[2], k -> new Family()).type = p[3];
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          int brace = line.indexOf('{');
          int space = line.lastIndexOf(' ');
          String name =
              brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
          String labels =
              brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
          Family f = e.families.computeIfAbsent(name, k -> new Family());
          f.series.put(labels, line.substring(space + 1));
          f.labelNames.add(labelNames(labels));
        }
      }
      return e;
    }

    private static String labelNames(String labels) {
      List<String> names = new ArrayList<>();
      var m =
          java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"")
              .matcher(labels);
      while (m.find()) {
        names.add(m.group(1));
      }
      return String.join(",", names);
    }

    Exposition only(Pattern owns) {
      Exposition e = new Exposition();
      families.forEach(
          (k, v) -> {
            if (owns.matcher(k).find()) {
              e.families.put(k, v);
            }
          });
      return e;
    }

    Map<String, String> types() {
      Map<String, String> m = new TreeMap<>();
      families.forEach((k, v) -> m.put(k, v.type));
      return m;
    }

    Map<String, String> help() {
      Map<String, String> m = new TreeMap<>();
      families.forEach((k, v) -> m.put(k, v.help));
      return m;
    }

    Map<String, Set<String>> labelNames() {
      Map<String, Set<String>> m = new TreeMap<>();
      families.forEach((k, v) -> m.put(k, v.labelNames));
      return m;
    }
  }
}
