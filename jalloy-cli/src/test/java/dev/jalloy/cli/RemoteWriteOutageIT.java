package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jalloy.component.prometheus.remotewrite.wire.EncodedRequest;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder;
import dev.jalloy.model.Labels;
import dev.jalloy.testkit.RealPeer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: samples pushed into jalloy (prometheus.receive_http, acknowledged
 * with 204 only once they are in the WAL) while the backend is down, jalloy killed with SIGKILL in
 * the middle of the outage and restarted, then the backend (the real Prometheus) started: every
 * acknowledged sample arrives.
 */
class RemoteWriteOutageIT {
  private static final int SAMPLES = 100;

  @TempDir Path tmp;

  @Test
  void everyAcknowledgedSampleArrivesAfterAnOutageAndAKill() throws Exception {
    int receivePort = RealPeer.freePort();
    int prometheusPort = RealPeer.freePort();
    Path config = tmp.resolve("outage.alloy");
    Files.writeString(
        config,
        """
        prometheus.receive_http "in" {
          http {
            listen_address = "127.0.0.1"
            listen_port    = %d
          }
          forward_to = [prometheus.remote_write.out.receiver]
        }

        prometheus.remote_write "out" {
          endpoint {
            url = "http://127.0.0.1:%d/api/v1/write"

            queue_config {
              batch_send_deadline = "100ms"
              min_backoff         = "50ms"
              max_backoff         = "500ms"
            }
          }
        }
        """
            .formatted(receivePort, prometheusPort));
    String storage = "--storage.path=" + tmp.resolve("storage");
    long start = System.currentTimeMillis() - 10 * 60_000L; // within Prometheus' head block
    Labels series = Labels.of("__name__", "jalloy_outage_test", "job", "outage");

    JalloyProcess first = JalloyProcess.start(tmp, "run", storage, config.toString());
    first.awaitReady();
    awaitListening(receivePort);
    push(receivePort, series, start, 0, SAMPLES / 2);
    first.kill(); // SIGKILL in the middle of the outage

    try (JalloyProcess second = JalloyProcess.start(tmp, "run", storage, config.toString())) {
      second.awaitReady();
      awaitListening(receivePort);
      push(receivePort, series, start, SAMPLES / 2, SAMPLES);
      try (RealPeer prometheus = RealPeer.prometheusReceiver(tmp, prometheusPort)) {
        String query = "count_over_time(jalloy_outage_test{job=\"outage\"}[1h])";
        JalloyProcess.await(
            () -> count(prometheus, query) == SAMPLES,
            "all " + SAMPLES + " samples in Prometheus\n" + second.output());
        assertThat(count(prometheus, query)).isEqualTo(SAMPLES);
      }
    }
  }

  /**
   * Waits until prometheus.receive_http accepts connections: its server starts when the component
   * runs, which can be a moment after {@code /-/ready} answers (as in Alloy).
   */
  private static void awaitListening(int port) {
    JalloyProcess.await(
        () -> {
          try {
            new java.net.Socket("127.0.0.1", port).close();
            return true;
          } catch (java.io.IOException e) {
            return false;
          }
        },
        "prometheus.receive_http listening on " + port);
  }

  /** Pushes samples [from, to) one request each; every one must be acknowledged with 204. */
  private static void push(int port, Labels series, long start, int from, int to) throws Exception {
    WriteRequestEncoder encoder = new WriteRequestEncoder();
    try (HttpClient client = HttpClient.newHttpClient()) {
      for (int i = from; i < to; i++) {
        EncodedRequest request =
            encoder.reset().startSeries(series).sample(start + i * 1000L, i).endSeries().finish();
        byte[] body = request.toByteArray();
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/metrics/write"))
                    .header("Content-Encoding", "snappy")
                    .header("Content-Type", "application/x-protobuf")
                    .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("sample " + i + ": " + response.body()).isEqualTo(204);
      }
    }
  }

  private static double count(RealPeer prometheus, String query) {
    try {
      var result =
          new ObjectMapper()
              .readTree(
                  prometheus.get(
                      "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
              .get("data")
              .get("result");
      return result.isEmpty() ? 0 : result.get(0).get("value").get(1).asDouble();
    } catch (Exception e) {
      return -1;
    }
  }
}
