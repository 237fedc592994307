package dev.jalloy.component.prometheus.exporter.unix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.prometheus.exporter.Exporter;
import dev.jalloy.component.prometheus.scrape.PrometheusScrape;
import dev.jalloy.syntax.decode.ValueEncoder;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.CollectingReceiver;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code prometheus.exporter.unix}'s {@code targets} scraped by {@code prometheus.scrape} like any
 * other target, as in {@code host-homelab.alloy}: the target's address is the memory address, so
 * the scraper calls the exporter's handler in process, and every series of the exposition reaches
 * the receiver with the target's {@code job} and {@code instance}.
 */
class UnixScrapeEndToEndTest {
  private static final String EXPORTER_ID = "prometheus.exporter.unix.host";

  private final CollectingReceiver sink = new CollectingReceiver();

  @Test
  void theExportersTargetsScrapedInProcessDeliverItsSeriesWithJobAndInstance() throws Exception {
    String exporterBlock = HomelabFixtureTest.block(HomelabFixtureTest.fixture());
    try (var exporter =
        ComponentHarness.start(PrometheusExporterUnix.REGISTRATION, exporterBlock)) {
      assertThat(exporter.id()).isEqualTo(EXPORTER_ID);
      Value exports = ValueEncoder.encode(exporter.exports(Exporter.Exports.class));
      Value prometheus =
          Value.object(
              Map.of(
                  "exporter", Value.object(Map.of("unix", Value.object(Map.of("host", exports))))));
      try (var scrape =
          ComponentHarness.builder(PrometheusScrape.REGISTRATION)
              .componentHandler(EXPORTER_ID, (HttpHandlerProvider) exporter.component())
              .variable("prometheus", prometheus)
              .variable(
                  "sink", Value.object(Map.of("receiver", Value.capsule("MetricsReceiver", sink))))
              .start(
                  """
                  prometheus.scrape "host" {
                    targets         = prometheus.exporter.unix.host.targets
                    forward_to      = [sink.receiver]
                    scrape_interval = "200ms"
                    scrape_timeout  = "200ms"
                  }
                  """)) {
        assertThat(scrape.id()).isEqualTo("prometheus.scrape.host");
        String instance = Exporter.defaultInstance();
        var memTotal =
            Eventually.await(
                    Duration.ofSeconds(10),
                    () ->
                        sink.samples.stream()
                            .filter(
                                s ->
                                    s.labels().get("__name__").equals("node_memory_MemTotal_bytes"))
                            .findFirst(),
                    java.util.Optional::isPresent,
                    "node_memory_MemTotal_bytes at the receiver")
                .orElseThrow();
        assertThat(memTotal.labels().get("job")).isEqualTo("integrations/unix");
        assertThat(memTotal.labels().get("instance")).isEqualTo(instance);
        assertThat(memTotal.value()).isEqualTo(24684084.0 * 1024); // the fixture's meminfo

        // one whole scrape: every series of the exposition, each with the target's job and instance
        Set<String> exposed = seriesOf(exporter.http("GET", "/metrics").body());
        Eventually.await(
            () -> received().containsAll(exposed),
            "every exposed series at the receiver (" + exposed.size() + ")");
        assertThat(received()).containsAll(exposed).hasSizeGreaterThan(500);
        assertThat(sink.samples)
            .filteredOn(s -> s.labels().get("__name__").startsWith("node_"))
            .allSatisfy(
                s -> {
                  assertThat(s.labels().get("job")).isEqualTo("integrations/unix");
                  assertThat(s.labels().get("instance")).isEqualTo(instance);
                });
        assertThat(sink.samples)
            .anySatisfy(
                s -> {
                  assertThat(s.labels().get("__name__")).isEqualTo("up");
                  assertThat(s.value()).isEqualTo(1.0);
                });
      }
    }
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /**
   * Series of the exposition as {@code name{k="v",...}}, without the labels whose value is empty
   * (Prometheus drops them from a scraped series, e.g. {@code node_os_info}'s {@code build_id}).
   */
  private static Set<String> seriesOf(byte[] body) {
    return new String(body, StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.substring(0, line.lastIndexOf(' ')))
        .map(series -> EMPTY_LABEL.matcher(series).replaceAll("").replace(",}", "}"))
        .map(series -> series.replace("{}", ""))
        .collect(Collectors.toSet());
  }

  // a label with an empty value and its comma; a label value never contains an unescaped quote
  private static final Pattern EMPTY_LABEL = Pattern.compile("(?<=[{,])[a-zA-Z_]\\w*=\"\",?");

  /** What the receiver holds, printed the way the exposition prints it, job and instance aside. */
  private Set<String> received() {
    return sink.samples.stream()
        .filter(s -> s.labels().get("__name__").startsWith("node_"))
        .map(
            s -> {
              StringBuilder b = new StringBuilder(s.labels().get("__name__"));
              String labels =
                  new TreeMap<>(s.labels().toMap())
                      .entrySet().stream()
                          .filter(e -> !Set.of("__name__", "job", "instance").contains(e.getKey()))
                          .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
                          .collect(Collectors.joining(","));
              return labels.isEmpty()
                  ? b.toString()
                  : b.append('{').append(labels).append('}').toString();
            })
        .collect(Collectors.toSet());
  }
}
