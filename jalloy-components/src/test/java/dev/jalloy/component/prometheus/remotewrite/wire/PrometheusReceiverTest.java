package dev.jalloy.component.prometheus.remotewrite.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jalloy.model.Labels;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote write against the real thing: Debian's Prometheus started as a remote-write receiver on a
 * free loopback port, written to with {@link WriteRequestEncoder} and {@link RemoteWriteClient},
 * and read back through its query API.
 */
class PrometheusReceiverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir static Path dir;
  private static RealPeer prometheus;
  private static String base;
  private static RemoteWriteClient client;

  private final WriteRequestEncoder encoder = new WriteRequestEncoder();

  @BeforeAll
  static void startPrometheus() throws Exception {
    // A missing binary fails under CI=true and is skipped loudly elsewhere (RealPeer's rule).
    prometheus = RealPeer.prometheusReceiver(dir);
    base = prometheus.base().toString();
    client =
        RemoteWriteClient.builder(URI.create(base + "/api/v1/write"))
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void seriesWrittenCanBeQueriedBack() throws Exception {
    long now = System.currentTimeMillis();
    Labels gauge =
        Labels.of(
            "__name__", "jalloy_rw_gauge",
            "job", "jalloy-test",
            "instance", "a:1",
            "unicode", "ünï 🔥 時系列");
    Labels inf = Labels.of("__name__", "jalloy_rw_inf", "job", "jalloy-test");
    Labels stale = Labels.of("__name__", "jalloy_rw_stale", "job", "jalloy-test");
    EncodedRequest req =
        encoder
            .reset()
            .startSeries(gauge)
            .sample(now - 2000, 1.5)
            .sample(now - 1000, 2.5)
            .exemplar(Labels.of("trace_id", "abc"), now - 1000, 2.5)
            .endSeries()
            .startSeries(inf)
            .sample(now - 1000, Double.NEGATIVE_INFINITY)
            .endSeries()
            .startSeries(stale)
            .sample(now - 2000, 7)
            .sample(now - 1000, Sample.STALE_NAN)
            .endSeries()
            .metadata(MetricType.GAUGE, "jalloy_rw_gauge", "A test gauge.", "")
            .finish();

    assertThat(client.send(req, 0)).isInstanceOf(SendResult.Success.class);

    String at = String.format(Locale.ROOT, "%.3f", now / 1000.0);
    JsonNode result =
        Eventually.await(
            Duration.ofSeconds(10),
            () -> query("/api/v1/query?time=" + at + "&query=" + enc("{job=\"jalloy-test\"}")),
            r -> r.size() == 2,
            "both live series in an instant query");
    Map<Labels, String> values = new HashMap<>();
    for (JsonNode s : result) {
      Labels.Builder lb = Labels.builder();
      s.get("metric").properties().forEach(e -> lb.set(e.getKey(), e.getValue().asText()));
      values.put(lb.build(), s.get("value").get(1).asText());
    }
    // The stale marker ends jalloy_rw_stale, so an instant query no longer returns it.
    assertThat(values).isEqualTo(Map.of(gauge, "2.5", inf, "-Inf"));

    JsonNode series =
        query("/api/v1/series?match[]=" + enc("jalloy_rw_stale") + "&start=" + (now / 1000 - 60));
    assertThat(series).hasSize(1);
    assertThat(series.get(0).get("job").asText()).isEqualTo("jalloy-test");

    JsonNode range = query("/api/v1/query?time=" + at + "&query=" + enc("jalloy_rw_gauge[1m]"));
    List<String> gaugeValues = new ArrayList<>();
    range.get(0).get("values").forEach(v -> gaugeValues.add(v.get(1).asText()));
    assertThat(gaugeValues).containsExactly("1.5", "2.5");
  }

  @Test
  void outOfOrderSamplesAreRejectedAndNotRetried() throws Exception {
    long now = System.currentTimeMillis();
    Labels l = Labels.of("__name__", "jalloy_rw_ooo", "job", "jalloy-test-ooo");
    assertThat(client.send(encoder.reset().startSeries(l).sample(now, 1).endSeries().finish(), 0))
        .isInstanceOf(SendResult.Success.class);

    SendResult r =
        client.send(encoder.reset().startSeries(l).sample(now - 60_000, 2).endSeries().finish(), 0);

    assertThat(r).isInstanceOf(SendResult.Failed.class);
    assertThat(((SendResult.Failed) r).status()).isEqualTo(400);
    assertThat(((SendResult.Failed) r).message()).containsIgnoringCase("out of order");
  }

  @Test
  void malformedBodiesAreRejectedAndNotRetried() throws Exception {
    byte[] garbage = "not snappy at all".getBytes(StandardCharsets.UTF_8);
    SendResult r = client.send(garbage, 0, garbage.length, 0);

    assertThat(r).isInstanceOf(SendResult.Failed.class);
    assertThat(((SendResult.Failed) r).status()).isEqualTo(400);
    assertThat(((SendResult.Failed) r).message()).contains("snappy");
  }

  @Test
  void anEmptyRequestIsAccepted() throws Exception {
    assertThat(client.send(encoder.reset().finish(), 0)).isEqualTo(new SendResult.Success(204));
  }

  private static JsonNode query(String pathAndQuery) {
    try {
      Reply r = get(pathAndQuery);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("status").asText()).as(r.body()).isEqualTo("success");
      JsonNode data = body.get("data");
      return data.has("result") ? data.get("result") : data;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A response, or status -1 and the error when there was none (not listening yet). */
  private record Reply(int status, String body) {}

  private static Reply get(String pathAndQuery) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Reply(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
