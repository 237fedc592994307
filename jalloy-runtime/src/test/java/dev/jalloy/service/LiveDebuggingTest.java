package dev.jalloy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.Health;
import dev.jalloy.runtime.ComponentInfo;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveDebuggingTest {
  private static final String ID = "discovery.relabel.pods";

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final FakeRuntimeView runtime = new FakeRuntimeView();
  private HttpService http;
  private LiveDebuggingService live;

  @BeforeEach
  void start() throws Exception {
    http = HttpService.builder().listenAddress("127.0.0.1:0").build();
    http.start();
    http.attach(runtime);
    live = http.liveDebugging();
    runtime.add(
        new ComponentInfo(
            ID,
            "discovery.relabel",
            "pods",
            "",
            Health.healthy("started component", HttpServiceTest.T),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            true));
    runtime.add(HttpServiceTest.info("local.file.x", Health.healthy("ok", HttpServiceTest.T)));
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private HttpResponse<InputStream> open(String query) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + "/api/v0/web/debug/" + ID + query))
            .build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String readUntil(InputStream in, String suffix) throws Exception {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith(suffix)) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      sb.append((char) b);
    }
    return sb.toString();
  }

  @Test
  void disabledUntilTheBlockEnablesIt() throws Exception {
    HttpResponse<String> r = get("/api/v0/web/debug/" + ID);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo(LiveDebuggingService.DISABLED_MESSAGE + "\n");
    assertThat(live.active(ID)).isFalse();
  }

  @Test
  void streamsPublishedMessagesWithTheDelimiter() throws Exception {
    live.serviceBlock().apply().accept(new LiveDebuggingService.Arguments(true));
    HttpResponse<InputStream> r = open("");
    assertThat(r.statusCode()).isEqualTo(200);
    Await.until("the stream to register", () -> live.active(ID));
    AtomicInteger built = new AtomicInteger();
    live.publish(
        ID,
        () -> {
          built.incrementAndGet();
          return "{__address__=\"a\"} => {__address__=\"b\"}";
        });
    live.publish(ID, () -> "second");
    live.publish("local.file.x", () -> "not for this stream");
    try (InputStream in = r.body()) {
      assertThat(readUntil(in, "second|;|"))
          .isEqualTo("{__address__=\"a\"} => {__address__=\"b\"}|;|second|;|");
    }
    assertThat(built).hasValue(1);
    Await.until(
        "the closed stream to be noticed",
        () -> {
          live.publish(ID, () -> "keep writing so the server notices the reader left");
          return !live.active(ID);
        });
  }

  @Test
  void sampleProbabilityZeroSendsNothingAndBuildsNothing() throws Exception {
    live.serviceBlock().apply().accept(new LiveDebuggingService.Arguments(true));
    HttpResponse<InputStream> r = open("?sampleProb=0");
    assertThat(r.statusCode()).isEqualTo(200);
    Await.until("the stream to register", () -> live.active(ID));
    AtomicInteger built = new AtomicInteger();
    for (int i = 0; i < 100; i++) {
      live.publish(
          ID,
          () -> {
            built.incrementAndGet();
            return "x";
          });
    }
    assertThat(built).hasValue(0);
    r.body().close();
  }

  @Test
  void badRequestsAreRejected() throws Exception {
    live.serviceBlock().apply().accept(new LiveDebuggingService.Arguments(true));
    HttpResponse<String> badProb = get("/api/v0/web/debug/" + ID + "?sampleProb=2");
    assertThat(badProb.statusCode()).isEqualTo(400);
    assertThat(badProb.body()).isEqualTo("Invalid sample probability\n");
    HttpResponse<String> unsupported = get("/api/v0/web/debug/local.file.x");
    assertThat(unsupported.statusCode()).isEqualTo(500);
    assertThat(unsupported.body())
        .isEqualTo("the component \"local.file\" does not support live debugging\n");
    assertThat(get("/api/v0/web/debug/no.such.thing").statusCode()).isEqualTo(500);
  }

  @Test
  void aFullBufferDropsAndCounts() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    LiveDebuggingService service = new LiveDebuggingService(registry);
    service.serviceBlock().apply().accept(new LiveDebuggingService.Arguments(true));
    try (LiveDebuggingService.Stream stream = service.open(ID, 1)) {
      for (int i = 0; i < LiveDebuggingService.BUFFER + 250; i++) {
        int n = i;
        service.publish(ID, () -> "m" + n);
      }
      assertThat(stream.dropped()).isEqualTo(250);
      assertThat(stream.poll()).hasValue("m0");
      StringWriter exposition = new StringWriter();
      MetricsExposition.write(
          List.of(new MetricsExposition.Source(registry.scrape(), "")), exposition);
      assertThat(exposition.toString())
          .contains(
              "jalloy_livedebugging_dropped_messages_total{component_id=\"" + ID + "\"} 250\n");
    }
    assertThat(service.active(ID)).isFalse();
  }

  @Test
  void inactiveWhenDisabledEvenWithAnOpenStream() {
    LiveDebuggingService service = new LiveDebuggingService(new PrometheusRegistry());
    service.serviceBlock().apply().accept(new LiveDebuggingService.Arguments(true));
    try (LiveDebuggingService.Stream stream = service.open(ID, 1)) {
      assertThat(service.active(ID)).isTrue();
      service.serviceBlock().apply().accept(LiveDebuggingService.Arguments.defaults());
      assertThat(service.active(ID)).isFalse();
      service.publish(ID, () -> "dropped silently: nobody may watch");
      assertThat(stream.poll()).isEmpty();
    }
  }

  @Test
  void messagesAreUtf8() throws Exception {
    live.serviceBlock().apply().accept(new LiveDebuggingService.Arguments(true));
    HttpResponse<InputStream> r = open("");
    Await.until("the stream to register", () -> live.active(ID));
    live.publish(ID, () -> "héllo");
    try (InputStream in = r.body()) {
      byte[] expected = "héllo|;|".getBytes(StandardCharsets.UTF_8);
      assertThat(in.readNBytes(expected.length)).isEqualTo(expected);
    }
  }
}
