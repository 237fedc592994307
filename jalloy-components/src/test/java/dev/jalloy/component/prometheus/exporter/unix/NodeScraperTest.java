package dev.jalloy.component.prometheus.exporter.unix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.service.logging.LoggingArguments;
import dev.jalloy.service.logging.LoggingService;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NodeScraperTest {
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final org.slf4j.Logger logger = logger();

  private org.slf4j.Logger logger() {
    LoggingService logs = LoggingService.create(Clock.systemUTC(), logLines::add);
    logs.apply(new LoggingArguments("debug", "logfmt", "stderr", List.of()));
    return logs.forComponent("/", "prometheus.exporter.unix.test");
  }

  private static NodeCollector collector(String name, Collect body) {
    return new NodeCollector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void collect(MetricSink sink) throws IOException {
        body.collect(sink);
      }
    };
  }

  @FunctionalInterface
  interface Collect {
    void collect(MetricSink sink) throws IOException;
  }

  private String scrape(NodeScraper scraper) throws InterruptedException {
    StringBuilder out = new StringBuilder();
    scraper.scrape(out);
    // durations vary: keep the collector label, drop the value
    return out.toString()
        .replaceAll("(node_scrape_collector_duration_seconds\\{[^}]*\\}) .*", "$1 D");
  }

  @Test
  void successAndDurationPerCollectorMetricsOfFailedCollectorsKept() throws Exception {
    NodeScraper scraper =
        new NodeScraper(
            List.of(
                collector("good", s -> s.gauge("node_good", "Good.", 1)),
                collector(
                    "nodata",
                    s -> {
                      throw new NoDataException("no zfs module");
                    }),
                collector(
                    "missing",
                    s -> {
                      throw new NoSuchFileException("/proc/mdstat");
                    }),
                collector(
                    "broken",
                    s -> {
                      s.gauge("node_broken_partial", "Written before failing.", 7);
                      throw new IOException("parse error in /proc/broken");
                    })),
            false,
            logger);
    assertThat(scrape(scraper))
        .isEqualTo(
            """
            # HELP node_broken_partial Written before failing.
            # TYPE node_broken_partial gauge
            node_broken_partial 7
            # HELP node_good Good.
            # TYPE node_good gauge
            node_good 1
            # HELP node_scrape_collector_duration_seconds node_exporter: Duration of a collector scrape.
            # TYPE node_scrape_collector_duration_seconds gauge
            node_scrape_collector_duration_seconds{collector="broken"} D
            node_scrape_collector_duration_seconds{collector="good"} D
            node_scrape_collector_duration_seconds{collector="missing"} D
            node_scrape_collector_duration_seconds{collector="nodata"} D
            # HELP node_scrape_collector_success node_exporter: Whether a collector succeeded.
            # TYPE node_scrape_collector_success gauge
            node_scrape_collector_success{collector="broken"} 0
            node_scrape_collector_success{collector="good"} 1
            node_scrape_collector_success{collector="missing"} 0
            node_scrape_collector_success{collector="nodata"} 0
            """);
  }

  @Test
  void noDataLogsAtDebugOnlyOtherFailuresWarnOncePerMessage() throws Exception {
    NodeScraper scraper =
        new NodeScraper(
            List.of(
                collector(
                    "nodata",
                    s -> {
                      throw new NoDataException("no zfs module");
                    }),
                collector(
                    "broken",
                    s -> {
                      throw new IOException("bad line 3");
                    }),
                collector("textfile", s -> s.warn("bad.prom does not parse"))),
            false,
            logger);
    for (int i = 0; i < 3; i++) {
      scrape(scraper);
    }
    assertThat(logLines.stream().filter(l -> l.contains("level=warn")))
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("collector failed").contains("name=broken"))
        .anySatisfy(l -> assertThat(l).contains("collector problem").contains("bad.prom"));
    assertThat(logLines.stream().filter(l -> l.contains("name=nodata")))
        .hasSize(3)
        .allSatisfy(l -> assertThat(l).contains("level=debug"));
  }

  @Test
  void exporterMetricsAddProcessFamilies() throws Exception {
    String withProcess = scrape(new NodeScraper(List.of(), true, logger));
    assertThat(withProcess)
        .contains("# TYPE process_cpu_seconds_total counter")
        .contains("# TYPE process_resident_memory_bytes gauge")
        .contains("# TYPE process_open_fds gauge")
        .contains("# TYPE process_start_time_seconds gauge");
    assertThat(scrape(new NodeScraper(List.of(), false, logger))).doesNotContain("process_");
  }
}
