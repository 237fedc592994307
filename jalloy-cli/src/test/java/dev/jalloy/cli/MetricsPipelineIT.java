package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jalloy.testkit.RealPeer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics pipeline end to end with real peers: Debian's node_exporter → prometheus.scrape →
 * prometheus.relabel → prometheus.remote_write → Debian's Prometheus, jalloy running as a real
 * process. What Prometheus ends up holding must be what node_exporter served, plus the synthetic
 * series of the scrape.
 */
class MetricsPipelineIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void nodeExporterSeriesArriveInPrometheus() throws Exception {
    try (RealPeer node = RealPeer.nodeExporter(tmp);
        RealPeer prometheus = RealPeer.prometheusReceiver(tmp)) {
      Path config = tmp.resolve("pipeline.alloy");
      Files.writeString(
          config,
          """
          prometheus.scrape "node" {
            targets         = [{"__address__" = "127.0.0.1:%d"}]
            forward_to      = [prometheus.relabel.tag.receiver]
            scrape_interval = "1s"
            scrape_timeout  = "1s"
          }

          prometheus.relabel "tag" {
            forward_to = [prometheus.remote_write.local.receiver]

            rule {
              target_label = "pipeline"
              replacement  = "jalloy"
            }
          }

          prometheus.remote_write "local" {
            endpoint {
              url = "http://127.0.0.1:%d/api/v1/write"

              queue_config {
                batch_send_deadline = "1s"
              }
            }
          }
          """
              .formatted(node.port(), prometheus.port()));
      try (JalloyProcess jalloy = JalloyProcess.start(tmp, "run", config.toString())) {
        jalloy.awaitReady();
        String job = "prometheus.scrape.node";

        // The synthetic series arrive, with up = 1.
        JalloyProcess.await(
            () -> value(prometheus, "up{job=\"" + job + "\",pipeline=\"jalloy\"}") == 1.0,
            "up = 1 in Prometheus\n" + jalloy.output());
        assertThat(names(prometheus, job))
            .contains(
                "scrape_duration_seconds",
                "scrape_samples_scraped",
                "scrape_samples_post_metric_relabeling",
                "scrape_series_added");

        // Every family node_exporter serves arrives.
        Set<String> served = servedNames(node.get("/metrics"));
        JalloyProcess.await(
            () -> names(prometheus, job).containsAll(served),
            "every node_exporter family in Prometheus");

        // Values that cannot move between two reads are equal.
        double memTotal = value(prometheus, "node_memory_MemTotal_bytes{job=\"" + job + "\"}");
        assertThat(memTotal)
            .isEqualTo(servedValue(node.get("/metrics"), "node_memory_MemTotal_bytes"));
        assertThat(series(prometheus, "node_uname_info{job=\"" + job + "\"}"))
            .contains("\"instance\":\"127.0.0.1:" + node.port() + "\"")
            .contains("\"pipeline\":\"jalloy\"");
      }
    }
  }

  private static Set<String> servedNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      if (end < 0) {
        end = line.indexOf(' ');
      }
      names.add(line.substring(0, end));
    }
    return names;
  }

  private static double servedValue(String exposition, String name) {
    for (String line : exposition.lines().toList()) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError(name + " not served");
  }

  private static Set<String> names(RealPeer prometheus, String job) {
    try {
      JsonNode data =
          JSON.readTree(
                  prometheus.get(
                      "/api/v1/label/__name__/values?match[]=" + enc("{job=\"" + job + "\"}")))
              .get("data");
      Set<String> names = new TreeSet<>();
      data.forEach(n -> names.add(n.asText()));
      return names;
    } catch (Exception e) {
      return Set.of();
    }
  }

  private static double value(RealPeer prometheus, String query) {
    try {
      JsonNode result =
          JSON.readTree(prometheus.get("/api/v1/query?query=" + enc(query)))
              .get("data")
              .get("result");
      return result.isEmpty() ? Double.NaN : result.get(0).get("value").get(1).asDouble();
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  private static String series(RealPeer prometheus, String selector) throws Exception {
    return prometheus.get("/api/v1/series?match[]=" + enc(selector));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
