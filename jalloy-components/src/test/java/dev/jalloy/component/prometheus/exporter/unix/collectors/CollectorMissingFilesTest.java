package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * On an empty host tree each collector fails or succeeds as node_exporter 1.5 did when run with
 * {@code --path.procfs} etc. pointed at empty directories: {@code meminfo_numa} and {@code
 * sockstat} succeed with nothing, {@code selinux} reports disabled, {@code processes} writes its
 * thread total before failing on the missing limit, every other collector fails.
 */
class CollectorMissingFilesTest {
  /** The output node_exporter wrote before succeeding or failing, by collector. */
  static final Map<String, String> WRITTEN =
      Map.of(
          "meminfo_numa", "",
          "sockstat", "",
          "selinux",
              """
              # HELP node_selinux_enabled SELinux is enabled, 1 is true, 0 is false
              # TYPE node_selinux_enabled gauge
              node_selinux_enabled 0
              """,
          "processes",
              """
              # HELP node_processes_threads Allocated threads in system
              # TYPE node_processes_threads gauge
              node_processes_threads 0
              """);

  /** Collectors node_exporter reports with ErrNoData, i.e. without logging an error. */
  static final java.util.Set<String> NO_DATA =
      java.util.Set.of(
          "conntrack",
          "ipvs",
          "mdadm",
          "nfs",
          "nfsd",
          "pressure",
          "schedstat",
          "udp_queues",
          "zfs");

  static final java.util.List<CollectorHarness.Named> COLLECTORS = CollectorHarness.ALL;

  @ParameterizedTest(name = "{0}")
  @FieldSource("COLLECTORS")
  void emptyHost(CollectorHarness.Named named, @TempDir Path root) throws Exception {
    for (String dir : new String[] {"proc", "sys", "root", "udev"}) {
      Files.createDirectories(root.resolve(dir));
    }
    NodeCollector collector = named.on(CollectorHarness.paths(root));
    MetricSink sink = new MetricSink();
    boolean succeeds = named.name().matches("meminfo_numa|sockstat|selinux");
    if (succeeds) {
      collector.collect(sink);
    } else if (NO_DATA.contains(named.name())) {
      assertThatThrownBy(() -> collector.collect(sink)).isInstanceOf(NoDataException.class);
    } else {
      assertThatThrownBy(() -> collector.collect(sink))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(NoDataException.class);
    }
    assertThat(CollectorHarness.render(sink)).isEqualTo(WRITTEN.getOrDefault(named.name(), ""));
  }
}
