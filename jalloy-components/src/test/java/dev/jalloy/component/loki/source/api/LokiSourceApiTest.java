package dev.jalloy.component.loki.source.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.write.wire.PushRequestEncoder;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The component on a real socket: listener, headers, and forwarding. */
class LokiSourceApiTest {
  @Test
  void servesThePushApiOnItsOwnListener() throws Exception {
    List<LogEntry> received = new CopyOnWriteArrayList<>();
    LogsReceiver collecting = received::addAll;
    LokiSourceApi.Arguments d = LokiSourceApi.Arguments.defaults();
    LokiSourceApi.Arguments args =
        new LokiSourceApi.Arguments(
            List.of(collecting),
            new LokiSourceApi.ServerHttp(
                "127.0.0.1",
                0,
                0,
                d.http().readTimeout(),
                d.http().writeTimeout(),
                d.http().idleTimeout()),
            d.grpc(),
            java.util.Map.of("via", "api"),
            d.relabelRules(),
            true,
            d.maxSendMessageSize(),
            d.gracefulShutdownTimeout());
    try (var h = ComponentHarness.start(LokiSourceApi.REGISTRATION, args)) {
      LokiSourceApi c = (LokiSourceApi) h.component();
      InetSocketAddress addr =
          Eventually.await(
              java.time.Duration.ofSeconds(10),
              () -> c.boundAddress().orElse(null),
              java.util.Objects::nonNull,
              "the listener");
      PushRequestEncoder enc = new PushRequestEncoder();
      enc.reset();
      enc.beginStream("{job=\"x\"}");
      enc.entry(42, "hello", Labels.EMPTY);
      PushRequestEncoder.Body b = enc.finish();
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + addr.getPort() + "/loki/api/v1/push"))
                      .header("Content-Type", "application/x-protobuf")
                      .header("X-Scope-OrgID", "team")
                      .POST(
                          HttpRequest.BodyPublishers.ofByteArray(
                              Arrays.copyOf(b.buffer(), b.length())))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(received)
          .containsExactly(
              LogEntry.of(
                  Labels.of("job", "x", "via", "api", "__tenant_id__", "team"), 42, "hello"));
    }
  }
}
