package dev.jalloy.component.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Appender;
import dev.jalloy.model.Labels;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import dev.jalloy.testkit.RealPeer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prometheus.remote_write} into Debian's Prometheus, started as a remote-write receiver on a
 * free loopback port, and read back through its query API.
 */
class RealPrometheusTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir static Path dir;
  private static RealPeer prometheus;
  private static String base;

  @BeforeAll
  static void startPrometheus() throws Exception {
    // A missing binary fails under CI=true and is skipped loudly elsewhere (RealPeer's rule).
    prometheus = RealPeer.prometheusReceiver(dir);
    base = prometheus.base().toString();
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void seriesArriveInPrometheus() throws Exception {
    try (var h =
        ComponentHarness.start(
            PrometheusRemoteWrite.REGISTRATION,
            "prometheus.remote_write \"real\" {\n"
                + "  external_labels = { cluster = \"it\" }\n"
                + "  endpoint {\n"
                + "    url = \""
                + base
                + "/api/v1/write\"\n"
                + "    queue_config { batch_send_deadline = \"50ms\" }\n"
                + "  }\n"
                + "}")) {
      Appender a = h.exports(PrometheusRemoteWrite.Exports.class).receiver().appender();
      long now = System.currentTimeMillis();
      a.append(0, Labels.of("__name__", "jalloy_rw_it", "job", "a"), now, 42);
      a.append(0, Labels.of("__name__", "jalloy_rw_it", "job", "b"), now, 7);
      a.commit();

      String q =
          "/api/v1/query?query="
              + URLEncoder.encode("sum(jalloy_rw_it{cluster=\"it\"})", StandardCharsets.UTF_8);
      String body =
          Eventually.await(
              Duration.ofSeconds(20),
              () -> get(q),
              b -> b.contains("\"49\""),
              "the series queryable");
      assertThat(body).contains("\"status\":\"success\"");
    }
  }

  /** {@code "<status> <body>"}, or {@code "-1 <error>"} while nothing listens. */
  private static String get(String pathAndQuery) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.body();
    } catch (IOException e) {
      return "-1 " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
