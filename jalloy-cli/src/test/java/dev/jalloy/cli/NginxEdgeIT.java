package dev.jalloy.cli;

import static dev.jalloy.cli.SeedConfig.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed deployment {@code ../shared/configs/nginx-edge.alloy} run by the real jar, unchanged:
 * the file reads {@code NGINX_LOG}, {@code LOKI_URL} and {@code PROM_URL}, so the test only sets
 * them (a fixture access log, a Loki-like receiver, a remote-write sink that answers 204). nginx
 * JSON access lines go through {@code stage.json}, two {@code stage.labels}, two {@code
 * stage.metrics} and {@code stage.label_drop}: the receiver gets each line with {@code filename},
 * {@code host} and {@code job} only, and {@code /metrics} serves the {@code flyio_nginx_*} series
 * with the labels each entry had where its {@code stage.metrics} ran. A few thousand short non-JSON
 * lines follow the four fixtures, so loki.write gets batches of many label sets.
 */
class NginxEdgeIT {
  private static final String COMPONENT =
      "component_id=\"loki.process.nginx\",component_path=\"/\",";

  private static final String API_GET_HIT =
      """
      {"time_local":"23/Nov/2026:10:00:00 +0000","host":"api.example.com","request_method":"GET",\
      "request_uri":"/v1/users","status":200,"request_time":"0.004","body_bytes_sent":"512",\
      "upstream_cache_status":"HIT"}""";
  private static final String API_GET_MISS =
      """
      {"time_local":"23/Nov/2026:10:00:01 +0000","host":"api.example.com","request_method":"GET",\
      "request_uri":"/v1/orders","status":200,"request_time":"0.2","body_bytes_sent":"1024",\
      "upstream_cache_status":"MISS"}""";
  private static final String WWW_POST_502 =
      """
      {"time_local":"23/Nov/2026:10:00:02 +0000","host":"www.example.com","request_method":"POST",\
      "request_uri":"/login","status":502,"request_time":"1.5","body_bytes_sent":"0",\
      "upstream_cache_status":"BYPASS"}""";

  /** Not JSON: stage.json extracts nothing, the line still goes on and match_all counts it. */
  private static final String NOT_JSON = "2026/11/23 10:00:03 [warn] 7#7: an error-log line";

  /**
   * Short lines that are not JSON, enough of them for loki.process to hand loki.write batches of a
   * thousand entries with a label set each: such batches were once rejected as corrupt by
   * loki.write's queue and their lines dropped.
   */
  private static final int BULK = 3000;

  @TempDir Path tmp;

  private static String bulk(int i) {
    return "probe %04d".formatted(i);
  }

  @Test
  void accessLinesArriveAsLabelledLinesAndRequestMetrics() throws Exception {
    Path log = tmp.toAbsolutePath().resolve("access.log");
    StringBuilder lines =
        new StringBuilder(String.join("\n", API_GET_HIT, API_GET_MISS, WWW_POST_502, NOT_JSON));
    for (int i = 0; i < BULK; i++) {
      lines.append('\n').append(bulk(i));
    }
    Files.writeString(log, lines + "\n");
    HttpServer prometheus =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    prometheus.createContext(
        "/api/v1/write",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    prometheus.start();
    Path config = SeedConfig.write(tmp, "nginx-edge.alloy", SeedConfig.read("nginx-edge.alloy"));
    try (LokiReceiver loki = LokiReceiver.started();
        JalloyProcess jalloy =
            JalloyProcess.start(
                tmp,
                Map.of(
                    "NGINX_LOG", log.toString(),
                    "LOKI_URL", loki.url(),
                    "PROM_URL",
                        "http://127.0.0.1:" + prometheus.getAddress().getPort() + "/api/v1/write"),
                "run",
                config.toString())) {
      jalloy.awaitReady();
      JalloyProcess.await(
          Duration.ofSeconds(60),
          () -> loki.distinctLines().size() >= 4 + BULK,
          (4 + BULK) + " lines at the receiver\n" + jalloy.output());

      // stage.label_drop removed status, method and cache_status; host stays where stage.json
      // found one; the lines are unchanged (no stage.output).
      String file = log.toString();
      Map<String, String> byLine = new java.util.TreeMap<>(loki.labelsByLine());
      for (int i = 0; i < BULK; i++) {
        assertThat(byLine.remove(bulk(i)))
            .isEqualTo(labels("filename", file, "job", "flyio-nginx"));
      }
      assertThat(byLine)
          .isEqualTo(
              Map.of(
                  API_GET_HIT,
                  labels("filename", file, "host", "api.example.com", "job", "flyio-nginx"),
                  API_GET_MISS,
                  labels("filename", file, "host", "api.example.com", "job", "flyio-nginx"),
                  WWW_POST_502,
                  labels("filename", file, "host", "www.example.com", "job", "flyio-nginx"),
                  NOT_JSON,
                  labels("filename", file, "job", "flyio-nginx")));
      assertThat(loki.lines()).hasSize(4 + BULK);

      String metrics = jalloy.get("metrics").body();
      String api = "filename=\"" + file + "\",host=\"api.example.com\",job=\"flyio-nginx\"";
      String apiGet = api + ",method=\"GET\",status=\"200\"";
      String www =
          "filename=\""
              + file
              + "\",host=\"www.example.com\",job=\"flyio-nginx\","
              + "method=\"POST\",status=\"502\"";
      String bare = "filename=\"" + file + "\",job=\"flyio-nginx\"";

      // match_all counts every entry, the unparsed one under its file labels only.
      assertThat(sample(metrics, "flyio_nginx_http_requests_total", apiGet)).hasValue(2);
      assertThat(sample(metrics, "flyio_nginx_http_requests_total", www)).hasValue(1);
      assertThat(sample(metrics, "flyio_nginx_http_requests_total", bare)).hasValue(1 + BULK);
      assertThat(count(metrics, "flyio_nginx_http_requests_total{")).isEqualTo(3);

      // request_time observed into the file's buckets; nothing for the line without one.
      String hist = "flyio_nginx_http_request_duration_seconds";
      assertThat(sample(metrics, hist + "_count", apiGet)).hasValue(2);
      assertThat(sample(metrics, hist + "_sum", apiGet).orElseThrow())
          .isCloseTo(0.204, within(1e-9));
      assertThat(sample(metrics, hist + "_bucket", apiGet + ",le=\"0.005\"")).hasValue(1);
      assertThat(sample(metrics, hist + "_bucket", apiGet + ",le=\"0.1\"")).hasValue(1);
      assertThat(sample(metrics, hist + "_bucket", apiGet + ",le=\"0.25\"")).hasValue(2);
      assertThat(sample(metrics, hist + "_bucket", www + ",le=\"1\"")).hasValue(0);
      assertThat(sample(metrics, hist + "_bucket", www + ",le=\"2.5\"")).hasValue(1);
      assertThat(sample(metrics, hist + "_bucket", www + ",le=\"+Inf\"")).hasValue(1);
      assertThat(sample(metrics, hist + "_count", bare)).isEmpty();

      // body_bytes_sent added; a numeric string counts as its number.
      assertThat(sample(metrics, "flyio_nginx_http_response_bytes_total", apiGet)).hasValue(1536);
      assertThat(sample(metrics, "flyio_nginx_http_response_bytes_total", www)).hasValue(0);

      // The second stage.metrics runs after cache_status became a label.
      String cache = "flyio_nginx_cache_requests_total";
      assertThat(sample(metrics, cache, "cache_status=\"HIT\"," + apiGet)).hasValue(1);
      assertThat(sample(metrics, cache, "cache_status=\"MISS\"," + apiGet)).hasValue(1);
      assertThat(sample(metrics, cache, "cache_status=\"BYPASS\"," + www)).hasValue(1);
      assertThat(count(metrics, cache + "{")).isEqualTo(3);
      assertThat(metrics)
          .contains("# TYPE flyio_nginx_http_requests_total counter")
          .contains("# HELP flyio_nginx_http_request_duration_seconds Request latency")
          .contains("# TYPE flyio_nginx_http_request_duration_seconds histogram");
    } finally {
      prometheus.stop(0);
    }
  }

  /** The value of the one sample {@code name{component labels, labels}}, if exposed. */
  private static OptionalDouble sample(String metrics, String name, String labels) {
    String prefix = name + "{" + COMPONENT + labels + "} ";
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).split(" ")[0]))
        .findFirst();
  }

  private static long count(String metrics, String prefix) {
    return metrics.lines().filter(l -> l.startsWith(prefix)).count();
  }
}
