package dev.jalloy.component.prometheus.receive.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.Health;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.prometheus.remotewrite.wire.MetricType;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import dev.jalloy.model.MetricsReceiver;
import dev.jalloy.model.Samples;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.ComponentHarness;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harnesses opened only to be closed
class PrometheusReceiveHttpTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** What reached the sink, committed transactions only. */
  private final List<String> received = new CopyOnWriteArrayList<>();

  private volatile boolean failing;

  private final MetricsReceiver sink =
      () -> {
        List<String> pending = new ArrayList<>();
        return new Appender() {
          @Override
          public long append(long ref, Labels labels, long timestampMs, double value) {
            if (failing) {
              throw new IllegalStateException("sink is down");
            }
            pending.add(
                labels + " " + timestampMs + " " + (Samples.isStale(value) ? "stale" : value));
            return 0;
          }

          @Override
          public void appendExemplar(long ref, Labels series, Exemplar e) {
            pending.add("exemplar " + series + " " + e);
          }

          @Override
          public void updateMetadata(Labels series, Metadata m) {
            pending.add("metadata " + series + " " + m);
          }

          @Override
          public void commit() {
            received.addAll(pending);
          }

          @Override
          public void rollback() {
            pending.clear();
          }
        };
      };

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private ComponentHarness<PrometheusReceiveHttp.Arguments> start(int port, String extra)
      throws Exception {
    var h =
        ComponentHarness.builder(PrometheusReceiveHttp.REGISTRATION)
            .variable(
                "sink", Value.object(Map.of("receiver", Value.capsule("MetricsReceiver", sink))))
            .start(
                """
                prometheus.receive_http "api" {
                  http {
                    listen_address = "127.0.0.1"
                    listen_port    = %d
                  }
                  forward_to = [sink.receiver]
                  %s
                }
                """
                    .formatted(port, extra));
    h.awaitHealth(Health.State.HEALTHY);
    return h;
  }

  private static byte[] request() {
    return new WriteRequestEncoder()
        .startSeries(Labels.of("__name__", "up", "job", "a"))
        .sample(1000, 1)
        .sample(2000, Samples.STALE_NAN)
        .exemplar(Labels.of("trace_id", "t1"), 1500, 0.5)
        .endSeries()
        .startSeries(Labels.of("__name__", "requests_total", "job", "a"))
        .sample(1000, 42)
        .endSeries()
        .metadata(MetricType.COUNTER, "requests_total", "Requests.", "")
        .finish()
        .toByteArray();
  }

  private static HttpResponse<String> post(int port, String path, byte[] body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-protobuf")
            .header("Content-Encoding", "snappy")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void forwardsARemoteWriteRequestReceivedOverHttp() throws Exception {
    int port = freePort();
    try (var unused = start(port, "")) {
      HttpResponse<String> response = post(port, "/api/v1/metrics/write", request());

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(received)
          .containsExactly(
              "{__name__=\"up\", job=\"a\"} 1000 1.0",
              "{__name__=\"up\", job=\"a\"} 2000 stale",
              "exemplar {__name__=\"up\", job=\"a\"} "
                  + new Exemplar(Labels.of("trace_id", "t1"), 1500, 0.5),
              "{__name__=\"requests_total\", job=\"a\"} 1000 42.0");
    }
  }

  @Test
  void forwardsMetadataWhenAsked() throws Exception {
    int port = freePort();
    try (var unused = start(port, "append_metadata = true")) {
      assertThat(post(port, "/api/v1/metrics/write", request()).statusCode()).isEqualTo(204);
      assertThat(received)
          .contains(
              "metadata {__name__=\"requests_total\"} " + new Metadata("counter", "Requests.", ""));
    }
  }

  @Test
  void aMalformedBodyIsA400AndCounted() throws Exception {
    int port = freePort();
    try (var h = start(port, "")) {
      HttpResponse<String> response =
          post(port, "/api/v1/metrics/write", "not snappy".getBytes(StandardCharsets.UTF_8));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(received).isEmpty();
      assertThat(requests(h, "400")).isEqualTo(1);
    }
  }

  @Test
  void aFailingReceiverIsA500AndNothingIsCommitted() throws Exception {
    int port = freePort();
    try (var unused = start(port, "")) {
      failing = true;
      assertThat(post(port, "/api/v1/metrics/write", request()).statusCode()).isEqualTo(500);
      assertThat(received).isEmpty();
    }
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    int port = freePort();
    try (var unused = start(port, "")) {
      assertThat(post(port, "/api/v1/push", request()).statusCode()).isEqualTo(404);
      var get =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/v1/metrics/write"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void servesTheEndpointOnTheMainServerToo() throws Exception {
    int port = freePort();
    try (var h = start(port, "")) {
      var provider = (HttpHandlerProvider) h.component();
      var response =
          provider.handle(
              new HttpHandlerProvider.HttpRequest(
                  "POST", "/api/v1/metrics/write", "", "application/x-protobuf", "", request()));
      assertThat(response.status()).isEqualTo(204);
      assertThat(received).hasSize(4);
    }
  }

  @Test
  void aChangedHttpBlockRebindsTheListener() throws Exception {
    int first = freePort();
    int second = freePort();
    try (var h = start(first, "")) {
      h.update(
          """
          prometheus.receive_http "api" {
            http {
              listen_address = "127.0.0.1"
              listen_port    = %d
            }
            forward_to = [sink.receiver]
          }
          """
              .formatted(second));
      assertThat(post(second, "/api/v1/metrics/write", request()).statusCode()).isEqualTo(204);
    }
  }

  private static long requests(ComponentHarness<?> h, String status) {
    return h.registry().scrape().stream()
        .filter(m -> m instanceof HistogramSnapshot)
        .flatMap(m -> ((HistogramSnapshot) m).getDataPoints().stream())
        .filter(d -> status.equals(d.getLabels().get("status_code")))
        .mapToLong(HistogramSnapshot.HistogramDataPointSnapshot::getCount)
        .sum();
  }
}
