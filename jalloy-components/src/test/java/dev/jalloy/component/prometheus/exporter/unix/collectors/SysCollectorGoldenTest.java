package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code /sys} collector on its fixture tree prints exactly what node_exporter 1.5 printed on
 * the same tree ({@code unix/fixtures/sys-<name>.prom}).
 */
class SysCollectorGoldenTest {
  static Stream<Arguments> collectors() {
    return Stream.of(
        golden(
            "hwmon",
            p -> new HwmonCollector(p, java.util.Optional.empty(), java.util.Optional.empty())),
        golden("thermal_zone", ThermalZoneCollector::new),
        golden("cpufreq", CpufreqCollector::new),
        golden(
            "powersupplyclass",
            p ->
                new PowerSupplyClassCollector(
                    p, Pattern.compile(PowerSupplyClassCollector.DEFAULT_IGNORED_SUPPLIES))),
        golden("rapl", RaplCollector::new),
        golden("dmi", DmiCollector::new),
        golden("bonding", BondingCollector::new),
        golden("nvme", NvmeCollector::new),
        golden("edac", EdacCollector::new),
        golden("fibrechannel", FibrechannelCollector::new),
        golden("infiniband", InfinibandCollector::new),
        golden("xfs", XfsCollector::new),
        golden("bcache", p -> new BcacheCollector(p, false)),
        golden("btrfs", BtrfsCollector::new),
        golden(
            "tapestats",
            p ->
                new TapestatsCollector(
                    p, Pattern.compile(TapestatsCollector.DEFAULT_IGNORED_DEVICES))));
  }

  private static Arguments golden(
      String fixture,
      Function<dev.jalloy.component.prometheus.exporter.unix.HostPaths, NodeCollector> factory) {
    return Arguments.of(Named.of(fixture, fixture), factory);
  }

  @org.junit.jupiter.api.Test
  void bcachePriorityStats() throws Exception {
    // the same tree with priority_stats read, as node_exporter --collector.bcache.priorityStats
    NodeCollector collector = new BcacheCollector(SysCollectorFixtures.paths("bcache"), true);
    assertThat(SysCollectorFixtures.render(collector))
        .isEqualTo(SysCollectorFixtures.expected("bcache-priority"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("collectors")
  void matchesNodeExporter(
      String fixture,
      Function<dev.jalloy.component.prometheus.exporter.unix.HostPaths, NodeCollector> factory)
      throws Exception {
    NodeCollector collector = factory.apply(SysCollectorFixtures.paths(fixture));
    assertThat(collector.name()).isEqualTo(fixture);
    assertThat(SysCollectorFixtures.render(collector))
        .isEqualTo(SysCollectorFixtures.expected(fixture));
  }
}
