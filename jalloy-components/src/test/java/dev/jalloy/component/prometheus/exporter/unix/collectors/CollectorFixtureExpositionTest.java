package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each collector on the committed fixture tree writes exactly what node_exporter 1.5 wrote for the
 * same tree ({@code expected/<collector>.prom}, produced by {@code regenerate-expected.sh} with the
 * real binary and reviewed). The tree carries the odd cases: counters at 2^64-1, a 14-field and an
 * 18-field diskstats line, an excluded partition, udev properties with quotes and backslashes, comm
 * names with spaces and parentheses, md arrays in every sync state, IPv6 and firewall-mark IPVS
 * services, a zfs kstat of a type node_exporter skips, a CPU-less pressure file.
 */
class CollectorFixtureExpositionTest {
  static final List<CollectorHarness.Named> COLLECTORS = CollectorHarness.ALL;

  @ParameterizedTest(name = "{0}")
  @FieldSource("COLLECTORS")
  void writesWhatNodeExporterWrites(CollectorHarness.Named collector) throws Exception {
    String actual =
        CollectorHarness.render(collector.on(CollectorHarness.paths(CollectorHarness.fixtures())));
    assertThat(actual).isEqualTo(CollectorHarness.expected(collector.name()));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("COLLECTORS")
  void nameIsNodeExportersCollectorName(CollectorHarness.Named collector) {
    assertThat(collector.on(CollectorHarness.paths(CollectorHarness.fixtures())).name())
        .isEqualTo(collector.name());
  }
}
