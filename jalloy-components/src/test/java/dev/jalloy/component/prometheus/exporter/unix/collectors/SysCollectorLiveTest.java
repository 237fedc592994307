package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import dev.jalloy.testkit.RealPeer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code /sys} collector on this machine's real {@code /sys} next to the real node_exporter:
 * the same collectors succeed (most find no hardware here and must fail or succeed exactly as
 * node_exporter does), and the same metric families come out.
 */
class SysCollectorLiveTest {
  static List<NodeCollector> all(HostPaths p) {
    return List.of(
        new NetclassCollector(p, Pattern.compile(NetclassCollector.DEFAULT_IGNORED_DEVICES), false),
        new HwmonCollector(p, Optional.empty(), Optional.empty()),
        new ThermalZoneCollector(p),
        new CpufreqCollector(p),
        new PowerSupplyClassCollector(
            p, Pattern.compile(PowerSupplyClassCollector.DEFAULT_IGNORED_SUPPLIES)),
        new RaplCollector(p),
        new BcacheCollector(p, false),
        new BondingCollector(p),
        new BtrfsCollector(p),
        new DmiCollector(p),
        new EdacCollector(p),
        new FibrechannelCollector(p),
        new InfinibandCollector(p),
        new NvmeCollector(p),
        new TapestatsCollector(p, Pattern.compile(TapestatsCollector.DEFAULT_IGNORED_DEVICES)),
        new XfsCollector(p),
        new SystemdCollector(
            p,
            Pattern.compile("^(?:" + SystemdCollector.DEFAULT_UNIT_INCLUDE + ")$"),
            Pattern.compile("^(?:" + SystemdCollector.DEFAULT_UNIT_EXCLUDE + ")$"),
            false,
            false,
            false));
  }

  @TempDir Path tmp;

  @Test
  void successAndFamiliesMatchLiveNodeExporter() throws Exception {
    List<NodeCollector> collectors = all(HostPaths.defaults());
    List<String> flags = new ArrayList<>();
    flags.add("--collector.disable-defaults");
    for (NodeCollector c : collectors) {
      flags.add("--collector." + c.name());
    }
    String theirs;
    try (RealPeer exporter = RealPeer.nodeExporter(tmp, flags)) {
      theirs = exporter.get("/metrics");
    }
    Map<String, String> theirSuccess = new TreeMap<>();
    TreeSet<String> theirFamilies = new TreeSet<>();
    for (String line : theirs.split("\n")) {
      if (line.startsWith("node_scrape_collector_success{collector=\"")) {
        String name = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
        theirSuccess.put(name, line.substring(line.lastIndexOf(' ') + 1));
      } else if (line.startsWith("# TYPE node_")
          && !line.contains("node_scrape_collector")
          && !line.contains("node_exporter_build_info")) {
        theirFamilies.add(line.substring("# TYPE ".length()));
      }
    }
    Map<String, String> ourSuccess = new TreeMap<>();
    TreeSet<String> ourFamilies = new TreeSet<>();
    for (NodeCollector c : collectors) {
      MetricSink sink = new MetricSink();
      String success;
      try {
        c.collect(sink);
        success = "1";
      } catch (NoDataException | NoSuchFileException e) {
        success = "0";
      }
      ourSuccess.put(c.name(), success);
      for (MetricSink.Family f : sink.families()) {
        if (!f.samples().isEmpty()) {
          ourFamilies.add(f.name() + " " + f.type().text());
        }
      }
    }
    assertThat(ourSuccess).isEqualTo(theirSuccess);
    assertThat(ourFamilies).isEqualTo(theirFamilies);
  }
}
