package dev.jalloy.component.prometheus.exporter.unix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectorCatalogTest {
  @Test
  void defaultFlagsAgreeWithNodeExportersTable() {
    assertThat(CollectorCatalog.all())
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.enabledByDefault())
                    .as(e.name())
                    .isEqualTo(CollectorSelection.LINUX_DEFAULTS.contains(e.name())));
  }

  @Test
  void everyEntryIsALinuxCollectorThatBuildsUnderItsOwnName() {
    PrometheusExporterUnix.Arguments args = PrometheusExporterUnix.Arguments.defaults();
    for (CollectorCatalog.Entry e : CollectorCatalog.all()) {
      assertThat(
              CollectorSelection.LINUX_DEFAULTS.contains(e.name())
                  || CollectorSelection.LINUX_OPTIONAL.contains(e.name()))
          .as(e.name())
          .isTrue();
      assertThat(e.factory().create(args.hostPaths(), args).name()).isEqualTo(e.name());
    }
  }

  @Test
  void selectedNamesWithoutACollectorAreSkipped() {
    PrometheusExporterUnix.Arguments args = PrometheusExporterUnix.Arguments.defaults();
    List<NodeCollector> built =
        CollectorCatalog.build(Set.of("uname", "no_such_yet", "os"), args.hostPaths(), args);
    assertThat(built).extracting(NodeCollector::name).containsExactly("os", "uname");
  }
}
