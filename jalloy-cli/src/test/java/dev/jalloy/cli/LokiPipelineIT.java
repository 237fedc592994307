package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log path end to end between two real jalloy processes, with nothing acknowledged lost:
 *
 * <pre>
 * test --push--> [edge: loki.source.api -> loki.write] --push--> [central: loki.source.api ->
 * loki.write] --push--> Loki-like receiver in this test
 * </pre>
 *
 * There is no Loki binary here, so the last hop is a small receiver that decodes the push protocol
 * (snappy protobuf) itself. Every line is pushed into the edge and acknowledged with 204 (which
 * means it is fsynced in the edge's queue). The central process is down while the first half is
 * pushed, and the edge is killed with SIGKILL right after it; after the restart the second half
 * follows, while the receiver is still down; then the receiver starts: every line arrives (at least
 * once).
 */
class LokiPipelineIT {
  private static final int LINES = 200;

  @TempDir Path tmp;

  @Test
  void everyAcknowledgedLineArrivesAfterOutagesAndAKill() throws Exception {
    int edgeIn = JalloyProcess.freePort();
    int centralIn = JalloyProcess.freePort();
    int lokiPort = JalloyProcess.freePort();
    Path edgeConfig = tmp.resolve("edge.alloy");
    Files.writeString(
        edgeConfig,
        """
        loki.source.api "in" {
          http {
            listen_address = "127.0.0.1"
            listen_port    = %d
          }
          forward_to = [loki.write.out.receiver]
          labels     = { hop = "edge" }
        }

        loki.write "out" {
          endpoint {
            url                 = "http://127.0.0.1:%d/loki/api/v1/push"
            batch_wait          = "100ms"
            min_backoff_period  = "50ms"
            max_backoff_period  = "500ms"
            max_backoff_retries = 0
          }
        }
        """
            .formatted(edgeIn, centralIn));
    Path centralConfig = tmp.resolve("central.alloy");
    Files.writeString(
        centralConfig,
        """
        loki.source.api "in" {
          http {
            listen_address = "127.0.0.1"
            listen_port    = %d
          }
          forward_to = [loki.write.loki.receiver]
        }

        loki.write "loki" {
          endpoint {
            url                 = "http://127.0.0.1:%d/loki/api/v1/push"
            tenant_id           = "fallback"
            batch_wait          = "100ms"
            min_backoff_period  = "50ms"
            max_backoff_period  = "500ms"
            max_backoff_retries = 0
          }
        }
        """
            .formatted(centralIn, lokiPort));
    Path edgeStorage = tmp.resolve("edge-data");
    Path centralStorage = tmp.resolve("central-data");
    Files.createDirectories(tmp.resolve("edge"));
    Files.createDirectories(tmp.resolve("central"));

    JalloyProcess edge =
        JalloyProcess.start(
            tmp.resolve("edge"), "run", "--storage.path=" + edgeStorage, edgeConfig.toString());
    edge.awaitReady();
    push(edgeIn, 0, LINES / 2); // central is down: the lines wait in the edge's queue
    edge.kill(); // SIGKILL with everything unsent

    try (JalloyProcess edge2 =
            JalloyProcess.start(
                tmp.resolve("edge"),
                "run",
                "--storage.path=" + edgeStorage,
                edgeConfig.toString());
        JalloyProcess central =
            JalloyProcess.start(
                tmp.resolve("central"),
                "run",
                "--storage.path=" + centralStorage,
                centralConfig.toString());
        LokiReceiver loki = new LokiReceiver(lokiPort)) {
      edge2.awaitReady();
      central.awaitReady();
      push(edgeIn, LINES / 2, LINES);
      // The receiver is still down: wait until central has taken every line into its queue.
      JalloyProcess.await(
          () -> sum(central, "loki_source_api_entries_written_total") >= LINES,
          "central to accept every line\n" + edge2.output() + central.output());
      assertThat(loki.lines()).isEmpty();
      loki.start();
      JalloyProcess.await(
          () -> loki.distinctLines().size() == LINES,
          "every line at the receiver, got "
              + loki.distinctLines().size()
              + "\n"
              + central.output());
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < LINES; i++) {
        expected.add(line(i));
      }
      assertThat(loki.distinctLines()).isEqualTo(expected);
      assertThat(loki.streams).allMatch(s -> s.labels().equals("{hop=\"edge\", job=\"it\"}"));
      assertThat(loki.tenants).containsOnly("fallback");
    }
  }

  private static String line(int i) {
    return String.format("line %04d", i);
  }

  /** Pushes lines [from, to) as JSON, one request each; each must be acknowledged with 204. */
  private static void push(int port, int from, int to) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      for (int i = from; i < to; i++) {
        String json =
            "{\"streams\":[{\"stream\":{\"job\":\"it\"},\"values\":[[\""
                + (1_700_000_000_000_000_000L + i)
                + "\",\""
                + line(i)
                + "\"]]}]}";
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/loki/api/v1/push"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("line " + i + ": " + r.body()).isEqualTo(204);
      }
    }
  }

  /** The sum of a metric's series on a process's /metrics. */
  private static double sum(JalloyProcess p, String name) {
    try {
      double total = 0;
      for (String l : p.get("metrics").body().lines().toList()) {
        if (l.startsWith(name + "{") || l.startsWith(name + " ")) {
          total += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
