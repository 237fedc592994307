package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.testkit.RealPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetclassCollectorTest {
  private static final Pattern DEFAULT = Pattern.compile(NetclassCollector.DEFAULT_IGNORED_DEVICES);

  @Test
  void fixtureMatchesNodeExporter() throws Exception {
    // eth0 has every attribute; wlan0 reports speed -1 and an unparsable name_assign_type;
    // veth9 has almost nothing; bonding_masters is a regular file and not an interface.
    String out = SysCollectorFixtures.render(collector(DEFAULT, false));
    assertThat(out).isEqualTo(SysCollectorFixtures.expected("netclass"));
  }

  @Test
  void ignoreInvalidSpeedDropsNegativeSpeed() throws Exception {
    String out = SysCollectorFixtures.render(collector(DEFAULT, true));
    assertThat(out)
        .contains("node_network_speed_bytes{device=\"eth0\"} 1.25e+08")
        .doesNotContain("node_network_speed_bytes{device=\"wlan0\"}");
  }

  @Test
  void ignoredDevicesAreSkipped() throws Exception {
    String out = SysCollectorFixtures.render(collector(Pattern.compile("^(wlan|veth)"), false));
    assertThat(out).contains("device=\"eth0\"").doesNotContain("wlan0").doesNotContain("veth9");
  }

  @Test
  void missingNetClassIsNoData() {
    NetclassCollector c = new NetclassCollector(SysCollectorFixtures.empty(), DEFAULT, false);
    assertThatThrownBy(() -> SysCollectorFixtures.render(c)).isInstanceOf(NoDataException.class);
  }

  /**
   * The real /sys against the real node_exporter: same families, types and label names per
   * interface, and equal values for attributes that do not move between the two reads.
   */
  @TempDir Path tmp;

  @Test
  void realSysMatchesLiveNodeExporter() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/sys/class/net")), "no /sys/class/net");
    String theirs;
    try (RealPeer exporter =
        RealPeer.nodeExporter(
            tmp, List.of("--collector.disable-defaults", "--collector.netclass"))) {
      theirs = exporter.get("/metrics");
    }
    String ours =
        SysCollectorFixtures.render(new NetclassCollector(HostPaths.defaults(), DEFAULT, false));
    assertThat(shape(ours)).isNotEmpty().isEqualTo(shape(theirs));
    assertThat(stable(ours)).isEqualTo(stable(theirs));
  }

  private static NetclassCollector collector(Pattern ignored, boolean ignoreInvalidSpeed) {
    return new NetclassCollector(
        SysCollectorFixtures.paths("netclass"), ignored, ignoreInvalidSpeed);
  }

  /** node_network_* lines reduced to family, type and label names (with the device). */
  private static TreeSet<String> shape(String exposition) {
    TreeSet<String> shape = new TreeSet<>();
    Map<String, String> types = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      if (line.startsWith("# TYPE node_network_")) {
        String[] parts = line.split(" ");
        types.put(parts[2], parts[3]);
      } else if (line.startsWith("node_network_")) {
        String name = line.substring(0, line.indexOf('{'));
        StringBuilder labels = new StringBuilder();
        for (String pair :
            line.substring(line.indexOf('{') + 1, line.lastIndexOf('}')).split(",")) {
          String label = pair.substring(0, pair.indexOf('='));
          labels.append(label).append(label.equals("device") ? pair.substring(label.length()) : "");
          labels.append(' ');
        }
        shape.add(name + " " + types.get(name) + " " + labels);
      }
    }
    return shape;
  }

  private static TreeSet<String> stable(String exposition) {
    TreeSet<String> lines = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.startsWith("node_network_info")
          || line.startsWith("node_network_mtu_bytes")
          || line.startsWith("node_network_iface_id")
          || line.startsWith("node_network_protocol_type")
          || line.startsWith("node_network_speed_bytes")) {
        lines.add(line);
      }
    }
    return lines;
  }
}
