package dev.jalloy.component.prometheus.exporter.unix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.prometheus.scrape.textparse.TextParser;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.RealPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance with the real node_exporter (Debian's prometheus-node-exporter) on this machine: for
 * every collector that both node_exporter runs and {@link CollectorCatalog} has, every family
 * node_exporter emits is emitted by us with the same TYPE and the same label names; values that
 * cannot move between the two reads are equal.
 *
 * <p>Families are matched to collectors by name prefix ({@link #COLLECTOR_BY_PREFIX}, longest
 * prefix wins); node_exporter's {@code node_scrape_collector_success} says which collectors it ran.
 * Coverage grows by itself: a collector added to the catalog makes its families checked here. A
 * family no prefix maps fails the test, so the map stays complete.
 *
 * <p>Both sides run with the same settings where Alloy's defaults differ from Debian's: an empty
 * textfile directory (Debian reads /var/lib/prometheus/node-exporter) and Alloy's mount point
 * excludes (Debian also excludes /run, /mnt and /media).
 */
class NodeExporterConformanceTest {
  /** Family name prefixes of node_exporter's collectors. */
  static final Map<String, String> COLLECTOR_BY_PREFIX =
      Map.ofEntries(
          Map.entry("node_arp_", "arp"),
          Map.entry("node_bcache_", "bcache"),
          Map.entry("node_bonding_", "bonding"),
          Map.entry("node_btrfs_", "btrfs"),
          Map.entry("node_buddyinfo_", "buddyinfo"),
          Map.entry("node_nf_conntrack_", "conntrack"),
          Map.entry("node_cpu_", "cpu"),
          Map.entry("node_cpu_frequency_", "cpufreq"),
          Map.entry("node_cpu_scaling_", "cpufreq"),
          Map.entry("node_disk_", "diskstats"),
          Map.entry("node_dmi_", "dmi"),
          Map.entry("node_edac_", "edac"),
          Map.entry("node_entropy_", "entropy"),
          Map.entry("node_fibrechannel_", "fibrechannel"),
          Map.entry("node_filefd_", "filefd"),
          Map.entry("node_filesystem_", "filesystem"),
          Map.entry("node_hwmon_", "hwmon"),
          Map.entry("node_infiniband_", "infiniband"),
          Map.entry("node_interrupts_", "interrupts"),
          Map.entry("node_ipvs_", "ipvs"),
          Map.entry("node_load", "loadavg"),
          Map.entry("node_md_", "mdadm"),
          Map.entry("node_memory_", "meminfo"),
          Map.entry("node_memory_numa_", "meminfo_numa"),
          Map.entry("node_network_", "netclass"),
          Map.entry("node_network_receive_", "netdev"),
          Map.entry("node_network_transmit_", "netdev"),
          Map.entry("node_netstat_", "netstat"),
          Map.entry("node_nfs_", "nfs"),
          Map.entry("node_nfsd_", "nfsd"),
          Map.entry("node_nvme_", "nvme"),
          Map.entry("node_os_", "os"),
          Map.entry("node_power_supply_", "powersupplyclass"),
          Map.entry("node_pressure_", "pressure"),
          Map.entry("node_processes_", "processes"),
          Map.entry("node_rapl_", "rapl"),
          Map.entry("node_schedstat_", "schedstat"),
          Map.entry("node_selinux_", "selinux"),
          Map.entry("node_sockstat_", "sockstat"),
          Map.entry("node_softnet_", "softnet"),
          Map.entry("node_boot_time_seconds", "stat"),
          Map.entry("node_context_switches_total", "stat"),
          Map.entry("node_forks_total", "stat"),
          Map.entry("node_intr_total", "stat"),
          Map.entry("node_procs_", "stat"),
          Map.entry("node_systemd_", "systemd"),
          Map.entry("node_tape_", "tapestats"),
          Map.entry("node_textfile_", "textfile"),
          Map.entry("node_thermal_zone_", "thermal_zone"),
          Map.entry("node_cooling_device_", "thermal_zone"),
          Map.entry("node_time_", "time"),
          Map.entry("node_timex_", "timex"),
          Map.entry("node_udp_queues", "udp_queues"),
          Map.entry("node_uname_", "uname"),
          Map.entry("node_vmstat_", "vmstat"),
          Map.entry("node_xfs_", "xfs"),
          Map.entry("node_zfs_", "zfs"));

  /** The exporter's own families, which say nothing about the host. */
  private static final List<String> IGNORED_PREFIXES =
      List.of("go_", "process_", "promhttp_", "node_exporter_build_info", "node_scrape_collector_");

  private static final String ALLOY_MOUNT_POINTS_EXCLUDE =
      PrometheusExporterUnix.FilesystemBlock.defaults().mountPointsExclude();

  @TempDir Path dir;

  /** One family of an exposition: its type, the label names its samples use, its samples. */
  record Family(
      String type, Set<String> labelNames, List<Map<String, String>> labels, List<Double> values) {}

  static Map<String, Family> parse(String exposition) throws Exception {
    byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
    TextParser p = TextParser.prometheus(body, 0, body.length);
    Map<String, String> types = new HashMap<>();
    Map<String, Family> families = new TreeMap<>();
    for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
      if (e == TextParser.Entry.TYPE) {
        types.put(p.metricName(), p.type().text());
      } else if (e == TextParser.Entry.SERIES) {
        String name = familyName(p.metricName(), types);
        Family f =
            families.computeIfAbsent(
                name,
                n ->
                    new Family(
                        types.getOrDefault(n, "unknown"),
                        new TreeSet<>(),
                        new ArrayList<>(),
                        new ArrayList<>()));
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < p.labelCount(); i++) {
          labels.put(p.labelName(i), p.labelValue(i));
          if (!p.labelName(i).equals("le") && !p.labelName(i).equals("quantile")) {
            f.labelNames().add(p.labelName(i));
          }
        }
        f.labels().add(labels);
        f.values().add(p.value());
      }
    }
    return families;
  }

  private static String familyName(String series, Map<String, String> types) {
    if (types.containsKey(series)) {
      return series;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (series.endsWith(suffix)) {
        String base = series.substring(0, series.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return series;
  }

  static String collectorOf(String family) {
    String best = null;
    for (String prefix : COLLECTOR_BY_PREFIX.keySet()) {
      if (family.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? null : COLLECTOR_BY_PREFIX.get(best);
  }

  private static Map<String, Double> successByCollector(Map<String, Family> families) {
    Map<String, Double> success = new TreeMap<>();
    Family f = families.get("node_scrape_collector_success");
    for (int i = 0; i < f.labels().size(); i++) {
      success.put(f.labels().get(i).get("collector"), f.values().get(i));
    }
    return success;
  }

  @Test
  void ourCollectorsEmitNodeExportersFamiliesTypesLabelsAndStableValues() throws Exception {
    Path textfiles = Files.createDirectories(dir.resolve("textfile"));
    String theirs;
    try (RealPeer nodeExporter =
        RealPeer.start(
            Path.of("/usr/bin/prometheus-node-exporter"),
            "prometheus-node-exporter",
            dir,
            "/metrics",
            0,
            port ->
                List.of(
                    "--web.listen-address=127.0.0.1:" + port,
                    "--collector.textfile.directory=" + textfiles,
                    "--collector.filesystem.mount-points-exclude=" + ALLOY_MOUNT_POINTS_EXCLUDE))) {
      theirs = nodeExporter.get("/metrics");
    }
    String ours;
    try (var h =
        ComponentHarness.start(
            PrometheusExporterUnix.REGISTRATION,
            // node_exporter 1.5 reports guest CPU time by default; Alloy's cpu block does not.
            "prometheus.exporter.unix \"conformance\" {\n"
                + "  cpu { guest = true }\n"
                + "  textfile { directory = \""
                + textfiles
                + "\" }\n}")) {
      ours = new String(h.http("GET", "/metrics").body(), StandardCharsets.UTF_8);
    }
    Map<String, Family> ne = parse(theirs);
    Map<String, Family> we = parse(ours);

    Map<String, Double> neSuccess = successByCollector(ne);
    Set<String> compared = new TreeSet<>(neSuccess.keySet());
    compared.retainAll(
        CollectorCatalog.all().stream()
            .filter(CollectorCatalog.Entry::enabledByDefault)
            .map(CollectorCatalog.Entry::name)
            .collect(Collectors.toSet()));
    assertThat(compared).as("collectors both sides run").isNotEmpty();
    System.out.println("node_exporter conformance: comparing collectors " + compared);

    List<String> unmapped =
        ne.keySet().stream()
            .filter(n -> IGNORED_PREFIXES.stream().noneMatch(n::startsWith))
            .filter(n -> collectorOf(n) == null)
            .toList();
    assertThat(unmapped).as("families no prefix maps to a collector").isEmpty();

    Map<String, Double> ourSuccess = successByCollector(we);
    int checked = 0;
    for (String collector : compared) {
      assertThat(ourSuccess.get(collector))
          .as("node_scrape_collector_success{collector=%s}", collector)
          .isEqualTo(neSuccess.get(collector));
    }
    for (Map.Entry<String, Family> e : ne.entrySet()) {
      String name = e.getKey();
      if (IGNORED_PREFIXES.stream().anyMatch(name::startsWith)
          || !compared.contains(collectorOf(name))) {
        continue;
      }
      assertThat(we).as("family %s (collector %s)", name, collectorOf(name)).containsKey(name);
      assertThat(we.get(name).type()).as("TYPE of %s", name).isEqualTo(e.getValue().type());
      assertThat(we.get(name).labelNames())
          .as("label names of %s", name)
          .isEqualTo(e.getValue().labelNames());
      checked++;
    }
    System.out.println("node_exporter conformance: " + checked + " families checked");
    assertThat(checked).isPositive();

    if (compared.contains("uname")) {
      assertThat(we.get("node_uname_info").labels()).isEqualTo(ne.get("node_uname_info").labels());
    }
    if (compared.contains("filesystem")) {
      assertThat(seriesValues(we.get("node_filesystem_size_bytes")))
          .isEqualTo(seriesValues(ne.get("node_filesystem_size_bytes")));
    }
    if (compared.contains("meminfo")) {
      assertThat(we.get("node_memory_MemTotal_bytes").values())
          .isEqualTo(ne.get("node_memory_MemTotal_bytes").values());
    }
    if (compared.contains("cpu")) {
      assertThat(cpus(we.get("node_cpu_seconds_total")))
          .isEqualTo(cpus(ne.get("node_cpu_seconds_total")));
    }
  }

  private static Map<Map<String, String>, Double> seriesValues(Family f) {
    Map<Map<String, String>, Double> m = new HashMap<>();
    for (int i = 0; i < f.labels().size(); i++) {
      m.put(f.labels().get(i), f.values().get(i));
    }
    return m;
  }

  private static Set<String> cpus(Family f) {
    return f.labels().stream().map(l -> l.get("cpu")).collect(Collectors.toSet());
  }
}
