package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings and failure rules of the {@code /sys} collectors, beyond the golden fixtures. */
class SysCollectorBehaviourTest {
  @TempDir Path tmp;

  private HostPaths at(Path sys) {
    return new HostPaths(tmp.resolve("proc"), sys, tmp.resolve("root"), tmp.resolve("udev"));
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content + "\n");
  }

  /**
   * An empty sysfs, as node_exporter 1.5 run with {@code --path.sysfs} on an empty directory
   * reports it: collectors that glob succeed with nothing, the others report no data, quietly.
   */
  @Test
  void emptySysfsSucceedsOrReportsNoDataLikeNodeExporter() throws Exception {
    Path sys = Files.createDirectories(tmp.resolve("sys"));
    Map<String, String> outcome = new TreeMap<>();
    for (NodeCollector c : SysCollectorLiveTest.all(at(sys))) {
      MetricSink sink = new MetricSink();
      try {
        c.collect(sink);
        outcome.put(
            c.name(),
            sink.families().stream().allMatch(f -> f.samples().isEmpty()) ? "1" : "metrics");
      } catch (NoDataException | NoSuchFileException e) {
        outcome.put(c.name(), "0");
      }
    }
    Map<String, String> expected = new TreeMap<>();
    for (String ok : new String[] {"bcache", "btrfs", "cpufreq", "edac", "thermal_zone", "xfs"}) {
      expected.put(ok, "1");
    }
    for (String none :
        new String[] {
          "bonding",
          "dmi",
          "fibrechannel",
          "hwmon",
          "infiniband",
          "netclass",
          "nvme",
          "powersupplyclass",
          "rapl",
          "systemd",
          "tapestats"
        }) {
      expected.put(none, "0");
    }
    assertThat(outcome).isEqualTo(expected);
  }

  @Test
  void hwmonChipFilters() throws Exception {
    HostPaths p = SysCollectorFixtures.paths("hwmon");
    String excluded =
        SysCollectorFixtures.render(
            new HwmonCollector(p, Optional.empty(), Optional.of(Pattern.compile("^(hwmon|acpi)"))));
    assertThat(excluded)
        .contains("chip=\"coretemp\"")
        .doesNotContain("chip=\"hwmon1\"")
        .doesNotContain("chip=\"hwmon2_device\"")
        .doesNotContain("chip=\"acpitz\"");
    String included =
        SysCollectorFixtures.render(
            new HwmonCollector(p, Optional.of(Pattern.compile("acpitz")), Optional.empty()));
    assertThat(included).contains("chip=\"acpitz\"").doesNotContain("chip=\"coretemp\"");
  }

  @Test
  void powerSupplyIgnoredSuppliesAndUnparsableNumbers() throws Exception {
    String out =
        SysCollectorFixtures.render(
            new PowerSupplyClassCollector(
                SysCollectorFixtures.paths("powersupplyclass"), Pattern.compile("^BAT")));
    assertThat(out).contains("power_supply=\"AC\"").doesNotContain("BAT0");

    Path sys = tmp.resolve("sys");
    write(sys.resolve("class/power_supply/AC/online"), "1");
    write(sys.resolve("class/power_supply/AC/present"), "garbage");
    PowerSupplyClassCollector bad = new PowerSupplyClassCollector(at(sys), Pattern.compile("^$"));
    MetricSink sink = new MetricSink();
    // node_exporter 1.5: collector failed ... parsing "garbage": invalid syntax (logged, not quiet)
    assertThatThrownBy(() -> bad.collect(sink))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(NoDataException.class)
        .isNotInstanceOf(NoSuchFileException.class);
    assertThat(sink.families()).allMatch(f -> f.samples().isEmpty());
  }

  @Test
  void cpufreqWithoutDriverFilesFailsLoudly() throws Exception {
    Path sys = tmp.resolve("sys");
    write(sys.resolve("devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"), "2400000");
    CpufreqCollector c = new CpufreqCollector(at(sys));
    // procfs requires scaling_driver and friends; node_exporter logs "collector failed"
    assertThatThrownBy(() -> c.collect(new MetricSink()))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(NoDataException.class)
        .hasMessageContaining("scaling_");
  }

  @Test
  void tapestatsIgnoredDevices() throws Exception {
    String out =
        SysCollectorFixtures.render(
            new TapestatsCollector(SysCollectorFixtures.paths("tapestats"), Pattern.compile("1$")));
    assertThat(out).contains("device=\"st0\"").doesNotContain("device=\"st1\"");
  }

  @Test
  void netclassSpeedThatFailsWithEinvalIsLeftOut() throws Exception {
    // /sys/class/net/lo/speed answers EINVAL on read on every Linux host
    Path lo = Path.of("/sys/class/net/lo/speed");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(lo), "no loopback in /sys");
    String out =
        SysCollectorFixtures.render(
            new NetclassCollector(HostPaths.defaults(), Pattern.compile("^$"), false));
    assertThat(out)
        .contains("node_network_up{device=\"lo\"}")
        .doesNotContain("node_network_speed_bytes{device=\"lo\"}");
  }

  @Test
  void systemdUnitFilterIsAnchoredAndReportsNoData() {
    SystemdCollector c =
        new SystemdCollector(
            at(tmp.resolve("sys")),
            Pattern.compile("^(?:" + SystemdCollector.DEFAULT_UNIT_INCLUDE + ")$"),
            Pattern.compile("^(?:" + SystemdCollector.DEFAULT_UNIT_EXCLUDE + ")$"),
            false,
            false,
            false);
    assertThat(c.reports("ssh.service")).isTrue();
    assertThat(c.reports("home.mount")).isFalse();
    assertThat(c.reports("user.slice")).isFalse();
    assertThatThrownBy(() -> c.collect(new MetricSink()))
        .isInstanceOf(NoDataException.class)
        .hasMessageContaining("dbus");
  }

  @Test
  void dmiIsReadOnceAndKept() throws Exception {
    Path sys = tmp.resolve("sys");
    write(sys.resolve("class/dmi/id/bios_vendor"), "first");
    DmiCollector c = new DmiCollector(at(sys));
    assertThat(SysCollectorFixtures.render(c)).contains("bios_vendor=\"first\"");
    write(sys.resolve("class/dmi/id/bios_vendor"), "second");
    assertThat(SysCollectorFixtures.render(c)).contains("bios_vendor=\"first\"");
  }
}
