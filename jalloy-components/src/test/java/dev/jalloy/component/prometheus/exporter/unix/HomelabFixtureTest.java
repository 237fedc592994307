package dev.jalloy.component.prometheus.exporter.unix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.HttpHandlerProvider.HttpResponse;
import dev.jalloy.testkit.ComponentHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The acceptance case of the host-metrics issue: {@code shared/configs/host-homelab.alloy}'s unix
 * exporter block, its three paths pointed at the fixture tree, produces the fixture's exposition.
 * The block also points {@code udev_data_path} into the tree (the deployed block reads the
 * container's {@code /run/udev/data}) so the test does not depend on the machine it runs on. {@code
 * expected.prom} is node_exporter 1.5's output for the same tree: see the fixture's {@code
 * regenerate-expected.sh}.
 */
class HomelabFixtureTest {
  /** Families that come from system calls or the clock, not from the tree: dropped. */
  private static final Set<String> HOST_FAMILIES =
      Set.of(
          "node_scrape_collector_duration_seconds",
          "node_time_seconds",
          "node_time_zone_offset_seconds",
          "node_uname_info");

  private static final Set<String> HOST_PREFIXES = Set.of("node_timex_");

  /** Values of mounts whose directory exists in the tree are the test machine's disk: masked. */
  private static final Pattern STATFS_VALUE =
      Pattern.compile(
          "^(node_filesystem_(?:size_bytes|free_bytes|avail_bytes|files|files_free)\\{.*\\}) .*$");

  private static final Pattern FAMILY =
      Pattern.compile("^(?:# (?:HELP|TYPE) )?([a-zA-Z_:][\\w:]*).*");

  static Path fixture() throws Exception {
    return Path.of(HomelabFixtureTest.class.getResource("/unix/fixtures/homelab").toURI());
  }

  static String normalise(String exposition) {
    return exposition
        .lines()
        .filter(
            line -> {
              Matcher m = FAMILY.matcher(line);
              String family = m.matches() ? m.group(1) : line;
              return !HOST_FAMILIES.contains(family)
                  && HOST_PREFIXES.stream().noneMatch(family::startsWith);
            })
        .map(line -> STATFS_VALUE.matcher(line).replaceAll("$1 <statfs>"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** host-homelab.alloy's block with its paths (and udev's) pointed into the fixture tree. */
  static String block(Path tree) {
    return """
        prometheus.exporter.unix "host" {
          procfs_path    = "%s/proc"
          sysfs_path     = "%s/sys"
          rootfs_path    = "%s/rootfs"
          udev_data_path = "%s/udev"
        }
        """
        .formatted(tree, tree, tree, tree);
  }

  @Test
  void theHomelabBlockOnTheFixtureTreeProducesTheExpectedExposition() throws Exception {
    Path tree = fixture();
    try (var h = ComponentHarness.start(PrometheusExporterUnix.REGISTRATION, block(tree))) {
      HttpResponse response = h.http("GET", "/metrics");
      assertThat(response.status()).isEqualTo(200);
      String actual = normalise(new String(response.body(), StandardCharsets.UTF_8));
      String expected = Files.readString(tree.resolve("expected.prom"));
      assertThat(actual).isEqualTo(expected);
    }
  }
}
