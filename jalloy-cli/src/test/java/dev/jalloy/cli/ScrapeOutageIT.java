package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jalloy.testkit.RealPeer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics issue's outage test with the real pipeline: node_exporter scraped every second while
 * the remote-write backend (the real Prometheus) is down, jalloy killed with SIGKILL during the
 * outage and restarted, then the backend started. Every scrape jalloy committed before the kill and
 * after the restart must arrive: the scrape's own {@code up} series, one sample per second, has
 * exactly one gap — the time jalloy was not running.
 */
class ScrapeOutageIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void scrapesDuringAnOutageAndAKillAllArrive() throws Exception {
    int prometheusPort = RealPeer.freePort();
    try (RealPeer node = RealPeer.nodeExporter(tmp)) {
      Path config = tmp.resolve("outage.alloy");
      Files.writeString(
          config,
          """
          prometheus.scrape "node" {
            targets         = [{"__address__" = "127.0.0.1:%d"}]
            forward_to      = [prometheus.remote_write.down.receiver]
            scrape_interval = "1s"
            scrape_timeout  = "1s"
          }

          prometheus.remote_write "down" {
            endpoint {
              url = "http://127.0.0.1:%d/api/v1/write"

              queue_config {
                batch_send_deadline = "200ms"
                min_backoff         = "50ms"
                max_backoff         = "500ms"
              }
            }
          }
          """
              .formatted(node.port(), prometheusPort));
      String storage = "--storage.path=" + tmp.resolve("storage");

      JalloyProcess first = JalloyProcess.start(tmp, "run", storage, config.toString());
      first.awaitReady();
      awaitScrapes(first, 5);
      long killedAt = System.currentTimeMillis();
      first.kill(); // SIGKILL during the outage

      try (JalloyProcess second = JalloyProcess.start(tmp, "run", storage, config.toString())) {
        second.awaitReady();
        awaitScrapes(second, 5);
        try (RealPeer prometheus = RealPeer.prometheusReceiver(tmp, prometheusPort)) {
          // Wait until everything the WAL held is in: the newest second-run samples arrive last.
          JalloyProcess.await(() -> upTimestamps(prometheus).size() >= 10, "samples to arrive");
          List<Long> before = upTimestamps(prometheus);
          JalloyProcess.await(
              () -> upTimestamps(prometheus).size() > before.size() + 2, "the sender to catch up");
          List<Long> ts = upTimestamps(prometheus);
          // Samples from both runs arrived...
          assertThat(ts.stream().filter(t -> t < killedAt).count()).isGreaterThanOrEqualTo(5);
          assertThat(ts.stream().filter(t -> t > killedAt).count()).isGreaterThanOrEqualTo(5);
          // ...and none is missing: one sample a second, except across the kill. A lost sample
          // leaves a gap of two seconds or more; 1.9 s leaves room for scheduling jitter.
          List<String> holes = new ArrayList<>();
          for (int i = 1; i < ts.size(); i++) {
            boolean acrossKill = ts.get(i - 1) < killedAt && ts.get(i) > killedAt;
            if (!acrossKill && ts.get(i) - ts.get(i - 1) >= 1_900) {
              holes.add(ts.get(i - 1) + " -> " + ts.get(i));
            }
          }
          assertThat(holes).as("samples missing between").isEmpty();
        }
      }
    }
  }

  /**
   * Waits until jalloy has made n successful scrapes, counted as distinct {@code last_scrape} times
   * of a target whose health is {@code up} in the scrape component's debug info.
   */
  private static void awaitScrapes(JalloyProcess jalloy, int n) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    JalloyProcess.await(
        () -> {
          try {
            JsonNode debug =
                JSON.readTree(jalloy.get("api/v0/web/components/prometheus.scrape.node").body())
                    .get("debugInfo");
            for (JsonNode block : debug) {
              if (attr(block, "health").equals("up")) {
                seen.add(attr(block, "last_scrape"));
              }
            }
            return seen.size() >= n;
          } catch (Exception e) {
            return false;
          }
        },
        n + " scrapes");
  }

  /** An attribute's string value inside an Alloy-JSON block, "" when absent. */
  private static String attr(JsonNode block, String name) {
    for (JsonNode entry : block.path("body")) {
      if (entry.path("name").asText().equals(name)) {
        return entry.path("value").path("value").asText("");
      }
    }
    return "";
  }

  private static List<Long> upTimestamps(RealPeer prometheus) {
    try {
      String q =
          URLEncoder.encode("up{job=\"prometheus.scrape.node\"}[1h]", StandardCharsets.UTF_8);
      JsonNode result =
          JSON.readTree(prometheus.get("/api/v1/query?query=" + q)).get("data").get("result");
      List<Long> ts = new ArrayList<>();
      if (!result.isEmpty()) {
        for (JsonNode v : result.get(0).get("values")) {
          ts.add(Math.round(v.get(0).asDouble() * 1000));
        }
      }
      return ts;
    } catch (Exception e) {
      return List.of();
    }
  }
}
