package dev.jalloy.component.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Appender;
import dev.jalloy.model.Labels;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prometheus.remote_write} into Debian's Prometheus, started as a remote-write receiver on a
 * free loopback port, and read back through its query API.
 */
class RealPrometheusTest {
  private static final Path PROMETHEUS =
      Path.of(System.getenv().getOrDefault("PROMETHEUS_BIN", "/usr/bin/prometheus"));
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir static Path dir;
  private static Process prometheus;
  private static String base;

  @BeforeAll
  static void startPrometheus() throws Exception {
    if (!Files.isExecutable(PROMETHEUS)) {
      String msg =
          "!!! RealPrometheusTest: "
              + PROMETHEUS
              + " not found; install Debian's `prometheus` package (scripts/install-test-deps.sh)."
              + " prometheus.remote_write is NOT tested against a real receiver in this run. !!!";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(msg);
      }
      System.err.println(msg);
      Assumptions.abort(msg);
    }
    int port = TestBackend.freePort();
    base = "http://127.0.0.1:" + port;
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global: {scrape_interval: 15s}\nscrape_configs: []\n");
    Path log = dir.resolve("prometheus.log");
    prometheus =
        new ProcessBuilder(
                PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Eventually.await(
        Duration.ofSeconds(30),
        () -> {
          if (!prometheus.isAlive()) {
            throw new AssertionError("prometheus exited, see " + log);
          }
          return get("/-/ready").startsWith("200");
        },
        ready -> ready,
        "prometheus at " + base + " to be ready");
  }

  @AfterAll
  static void stopPrometheus() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor();
      }
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
