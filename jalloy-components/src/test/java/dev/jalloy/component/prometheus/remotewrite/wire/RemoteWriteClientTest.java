package dev.jalloy.component.prometheus.remotewrite.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteWriteClientTest {
  private HttpServer server;
  private final AtomicReference<Headers> seen = new AtomicReference<>();
  private final AtomicReference<byte[]> body = new AtomicReference<>();
  private volatile int status = 204;
  private volatile String retryAfter;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/write",
        ex -> {
          seen.set(ex.getRequestHeaders());
          body.set(ex.getRequestBody().readAllBytes());
          if (retryAfter != null) {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
          }
          byte[] msg = status == 204 ? new byte[0] : ("err " + status).getBytes();
          ex.sendResponseHeaders(status, status == 204 ? -1 : msg.length);
          ex.getResponseBody().write(msg);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private RemoteWriteClient.Builder client() {
    return RemoteWriteClient.builder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write"))
        .timeout(Duration.ofSeconds(5));
  }

  @Test
  void sendsTheRemoteWriteHeadersAndTheBody() throws Exception {
    EncodedRequest req =
        new WriteRequestEncoder()
            .reset()
            .startSeries(dev.jalloy.model.Labels.of("__name__", "x"))
            .sample(1, 2)
            .endSeries()
            .finish();
    SendResult r = client().header("X-Scope-OrgID", "tenant-1").build().send(req, 0);

    assertThat(r).isEqualTo(new SendResult.Success(204));
    Headers h = seen.get();
    assertThat(h.getFirst("Content-Encoding")).isEqualTo("snappy");
    assertThat(h.getFirst("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(h.getFirst("X-Prometheus-Remote-Write-Version")).isEqualTo("0.1.0");
    assertThat(h.getFirst("User-Agent")).startsWith("jalloy/");
    assertThat(h.getFirst("X-Scope-OrgID")).isEqualTo("tenant-1");
    assertThat(h.containsKey("Retry-Attempt")).isFalse();
    assertThat(h.containsKey("Authorization")).isFalse();
    assertThat(body.get()).isEqualTo(req.toByteArray());
  }

  @Test
  void retriesCarryTheAttemptNumber() throws Exception {
    client().build().send(new byte[] {0}, 0, 1, 3);
    assertThat(seen.get().getFirst("Retry-Attempt")).isEqualTo("3");
  }

  @Test
  void basicAuthAndBearerToken() throws Exception {
    client().basicAuth("user", "pa:ss").build().send(new byte[] {0}, 0, 1, 0);
    assertThat(seen.get().getFirst("Authorization")).isEqualTo("Basic dXNlcjpwYTpzcw==");
    client().bearerToken("t0k3n").build().send(new byte[] {0}, 0, 1, 0);
    assertThat(seen.get().getFirst("Authorization")).isEqualTo("Bearer t0k3n");
  }

  @Test
  void credentialFilesAreReadForEveryRequest(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path token = dir.resolve("token");
    java.nio.file.Files.writeString(token, "one\n");
    RemoteWriteClient c =
        client()
            .header("Authorization", "configured headers cannot replace it")
            .authorization(
                dev.jalloy.component.common.http.AuthorizationHeader.fromFile("Bearer", token))
            .build();
    c.send(new byte[] {0}, 0, 1, 0);
    assertThat(seen.get().get("Authorization")).containsExactly("Bearer one");
    java.nio.file.Files.writeString(token, "two");
    c.send(new byte[] {0}, 0, 1, 0);
    assertThat(seen.get().getFirst("Authorization")).isEqualTo("Bearer two");
    java.nio.file.Files.delete(token);
    SendResult missing = c.send(new byte[] {0}, 0, 1, 0);
    assertThat(missing).isInstanceOf(SendResult.Retryable.class);
    assertThat(((SendResult.Retryable) missing).message())
        .startsWith("unable to read authorization credentials file " + token);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "200, Success",
    "204, Success",
    "500, Retryable",
    "503, Retryable",
    "429, Retryable",
    "400, Failed",
    "401, Failed",
    "404, Failed",
    "413, Failed",
    "302, Failed"
  })
  void classifiesStatuses(int code, String kind) throws Exception {
    status = code;
    SendResult r = client().build().send(new byte[] {0}, 0, 1, 0);
    assertThat(r.getClass().getSimpleName()).isEqualTo(kind);
    if (!(r instanceof SendResult.Success)) {
      assertThat(r.toString()).contains("err " + code);
    }
  }

  @Test
  void tooManyRequestsIsFinalWhenRetryingThemIsOff() throws Exception {
    status = 429;
    assertThat(client().retryOnHttp429(false).build().send(new byte[] {0}, 0, 1, 0))
        .isEqualTo(new SendResult.Failed(429, "err 429"));
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    status = 503;
    retryAfter = "7";
    assertThat(client().build().send(new byte[] {0}, 0, 1, 0))
        .isEqualTo(new SendResult.Retryable(503, "err 503", Optional.of(Duration.ofSeconds(7))));
  }

  @Test
  void retryAfterParsesSecondsAndHttpDates() {
    Instant now = Instant.parse("2015-10-21T07:28:00Z");
    assertThat(RemoteWriteClient.parseRetryAfter(" 120 ", now)).hasValue(Duration.ofMinutes(2));
    assertThat(RemoteWriteClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now))
        .hasValue(Duration.ofSeconds(30));
    assertThat(RemoteWriteClient.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now))
        .hasValue(Duration.ZERO);
    assertThat(RemoteWriteClient.parseRetryAfter("soon", now)).isEmpty();
    assertThat(RemoteWriteClient.parseRetryAfter("-5", now)).isEmpty();
  }

  @Test
  void connectionErrorsAreRetryable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SendResult r =
        RemoteWriteClient.builder(URI.create("http://127.0.0.1:" + port + "/api/v1/write"))
            .timeout(Duration.ofSeconds(5))
            .build()
            .send(new byte[] {0}, 0, 1, 0);
    assertThat(r).isInstanceOf(SendResult.Retryable.class);
    assertThat(((SendResult.Retryable) r).status()).isZero();
  }
}
