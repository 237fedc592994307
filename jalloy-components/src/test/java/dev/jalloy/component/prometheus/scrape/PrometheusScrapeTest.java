package dev.jalloy.component.prometheus.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Samples;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.CollectingReceiver;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // the harness only needs closing
class PrometheusScrapeTest {
  private static final String EXPOSITION =
      """
      # HELP http_requests_total Requests.
      # TYPE http_requests_total counter
      http_requests_total{code="200",job="scraped"} 7
      temperature 21.5
      """;

  private final CollectingReceiver sink = new CollectingReceiver();
  private final AtomicReference<String> body = new AtomicReference<>(EXPOSITION);
  private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> cookies = new java.util.concurrent.CopyOnWriteArrayList<>();
  private HttpServer server;
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  private String serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/metrics",
        ex -> {
          byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
          String authorization = ex.getRequestHeaders().getFirst("Authorization");
          authorizations.add(authorization == null ? "" : authorization);
          String cookie = ex.getRequestHeaders().getFirst("Cookie");
          cookies.add(cookie == null ? "" : cookie);
          ex.getResponseHeaders().set("Set-Cookie", "session=abc; Path=/");
          ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          String accepted = ex.getRequestHeaders().getFirst("Accept-Encoding");
          if (accepted != null && accepted.contains("gzip")) {
            b = gzip(b);
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
          }
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private static byte[] gzip(byte[] plain) throws java.io.IOException {
    var out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(plain);
    }
    return out.toByteArray();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private ComponentHarness<PrometheusScrape.Arguments> start(String body) throws Exception {
    return ComponentHarness.builder(PrometheusScrape.REGISTRATION)
        .variable("sink", Value.object(Map.of("receiver", Value.capsule("MetricsReceiver", sink))))
        .start(body);
  }

  private static String config(String address, String extra) {
    return config(address, "100ms", extra);
  }

  private static String config(String address, String timeout, String extra) {
    return """
        prometheus.scrape "t" {
          targets         = [{"__address__" = "%s", "env" = "dev"}]
          forward_to      = [sink.receiver]
          scrape_interval = "%s"
          scrape_timeout  = "%s"
          %s
        }
        """
        .formatted(address, timeout, timeout, extra);
  }

  private CollectingReceiver.Sample awaitSample(String name) {
    return Eventually.await(
            Duration.ofSeconds(10),
            () ->
                sink.samples.stream()
                    .filter(s -> s.labels().get("__name__").equals(name))
                    .findFirst(),
            java.util.Optional::isPresent,
            "a sample of " + name)
        .orElseThrow();
  }

  @Test
  void scrapedSamplesCarryTargetLabelsAndSyntheticSeriesFollow() throws Exception {
    String addr = serve();
    try (var h = start(config(addr, ""))) {
      var temp = awaitSample("temperature");
      assertThat(temp.labels())
          .isEqualTo(
              Labels.of(
                  "__name__", "temperature",
                  "env", "dev",
                  "instance", addr,
                  "job", "prometheus.scrape.t"));
      assertThat(temp.value()).isEqualTo(21.5);
      var requests = awaitSample("http_requests_total");
      assertThat(requests.labels().get("job")).isEqualTo("prometheus.scrape.t");
      assertThat(requests.labels().get("exported_job")).isEqualTo("scraped");
      assertThat(awaitSample("up").value()).isEqualTo(1.0);
      assertThat(awaitSample("scrape_samples_scraped").value()).isEqualTo(2.0);
      assertThat(awaitSample("scrape_series_added").labels().get("instance")).isEqualTo(addr);
      awaitSample("scrape_duration_seconds");
      awaitSample("scrape_samples_post_metric_relabeling");
    }
  }

  @Test
  void honorLabelsKeepsScrapedValues() throws Exception {
    String addr = serve();
    try (var h = start(config(addr, "honor_labels = true\n  extra_metrics = true"))) {
      var requests = awaitSample("http_requests_total");
      assertThat(requests.labels().get("job")).isEqualTo("scraped");
      assertThat(requests.labels().has("exported_job")).isFalse();
      // The body comes gzipped (enable_compression defaults to true); its decompressed size counts.
      assertThat(awaitSample("scrape_body_size_bytes").value())
          .isEqualTo(EXPOSITION.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void refusedConnectionReportsDown() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (var h = start(config("127.0.0.1:" + port, ""))) {
      assertThat(awaitSample("up").value()).isEqualTo(0.0);
      assertThat(awaitSample("up").labels().get("instance")).isEqualTo("127.0.0.1:" + port);
      Eventually.await(
          () ->
              ((PrometheusScrape.DebugInfo) ((PrometheusScrape) h.component()).debugInfo())
                  .targets().stream()
                      .anyMatch(t -> t.health().equals("down") && !t.lastError().isEmpty()),
          "the target's last error");
    }
  }

  /** As Alloy: the file is read for every scrape, so a rotated token is used without a reload. */
  @Test
  void cookiesATargetSetsAreNotSentBack() throws Exception {
    // Prometheus' scrape client has no cookie jar: a target's Set-Cookie changes nothing.
    String addr = serve();
    try (var h = start(config(addr, ""))) {
      Eventually.await(() -> cookies.size() >= 3, "three scrapes");
      assertThat(cookies).containsOnly("");
    }
  }

  @Test
  void bearerTokenFileIsReadAtEveryScrape() throws Exception {
    String addr = serve();
    java.nio.file.Path token = dir.resolve("token");
    java.nio.file.Files.writeString(token, "first\n");
    String option = "bearer_token_file = \"" + token.toString().replace("\\", "\\\\") + "\"";
    try (var h = start(config(addr, option))) {
      Eventually.await(() -> authorizations.contains("Bearer first"), "a scrape with the token");
      java.nio.file.Files.writeString(token, "second");
      Eventually.await(
          () -> authorizations.contains("Bearer second"), "a scrape with the rotated token");
    }
  }

  @Test
  void aTokenFileThatCannotBeReadFailsTheScrapeNotTheComponent() throws Exception {
    String addr = serve();
    java.nio.file.Path token = dir.resolve("missing-token");
    String option = "bearer_token_file = \"" + token.toString().replace("\\", "\\\\") + "\"";
    try (var h = start(config(addr, option))) {
      assertThat(awaitSample("up").value()).isEqualTo(0.0);
      Eventually.await(
          () ->
              ((PrometheusScrape.DebugInfo) ((PrometheusScrape) h.component()).debugInfo())
                  .targets().stream()
                      .anyMatch(
                          t -> t.lastError().contains("unable to read authorization credentials")),
          "the file's error on the target");
      assertThat(authorizations).isEmpty(); // nothing was sent without the token
    }
  }

  @Test
  void aHangingTargetTimesOutAndTheOtherTargetKeepsGoing() throws Exception {
    String good = serve();
    // Accepts connections and never answers: the scrape must give up at scrape_timeout.
    try (ServerSocket hanging =
        new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      java.util.List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    accepted.add(hanging.accept());
                  }
                } catch (java.io.IOException e) {
                  // closed at the end of the test
                }
              });
      String stuck = "127.0.0.1:" + hanging.getLocalPort();
      String twoTargets =
          """
          prometheus.scrape "t" {
            targets         = [{"__address__" = "%s"}, {"__address__" = "%s"}]
            forward_to      = [sink.receiver]
            scrape_interval = "300ms"
            scrape_timeout  = "200ms"
          }
          """
              .formatted(good, stuck);
      try (var h = start(twoTargets)) {
        Eventually.await(
            Duration.ofSeconds(10),
            () ->
                sink.samples.stream()
                    .anyMatch(
                        s ->
                            s.labels().get("__name__").equals("up")
                                && s.labels().get("instance").equals(stuck)
                                && s.value() == 0.0),
            "up = 0 for the hanging target");
        Eventually.await(
            () ->
                ((PrometheusScrape.DebugInfo) ((PrometheusScrape) h.component()).debugInfo())
                    .targets().stream()
                        .anyMatch(
                            t ->
                                t.url().contains(stuck)
                                    && t.health().equals("down")
                                    && t.lastError().contains("context deadline exceeded")),
            "the hanging target's timeout in the debug info");
        // Meanwhile the healthy target was scraped again and again.
        int before = count("temperature", good);
        Eventually.await(() -> count("temperature", good) > before + 2, "more healthy scrapes");
      } finally {
        for (java.net.Socket socket : accepted) {
          socket.close();
        }
      }
    }
  }

  private int count(String name, String instance) {
    return (int)
        sink.samples.stream()
            .filter(
                s ->
                    s.labels().get("__name__").equals(name)
                        && s.labels().get("instance").equals(instance))
            .count();
  }

  @Test
  void moreTargetsThanTargetLimitReportTheErrorInsteadOfBeingScraped() throws Exception {
    String addr = serve();
    String config =
        """
        prometheus.scrape "t" {
          targets         = [{"__address__" = "%s", "n" = "1"}, {"__address__" = "%s", "n" = "2"}]
          forward_to      = [sink.receiver]
          scrape_interval = "100ms"
          scrape_timeout  = "100ms"
          target_limit    = 1
        }
        """
            .formatted(addr, addr);
    try (var h = start(config)) {
      assertThat(awaitSample("up").value()).isEqualTo(0.0);
      Eventually.await(
          () ->
              ((PrometheusScrape.DebugInfo) ((PrometheusScrape) h.component()).debugInfo())
                      .targets().stream()
                          .filter(
                              t ->
                                  t.lastError()
                                      .equals(
                                          "target_limit exceeded (number of targets: 2, limit: 1)"))
                          .count()
                  == 2,
          "both targets report the limit");
      assertThat(sink.samples).noneMatch(s -> s.labels().get("__name__").equals("temperature"));
    }
  }

  /** A body of {@code lines} samples: 21 bytes a line, compressing well. */
  private static String bigExposition(int lines) {
    var b = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      b.append(String.format("filler_%06d 1234.5%n", i));
    }
    return b.toString();
  }

  @Test
  void aBodyOverBodySizeLimitIsAFailedScrape() throws Exception {
    body.set(bigExposition(100)); // 2,100 bytes: one more than the limit
    String addr = serve();
    String limited =
        "body_size_limit = \"2099B\"\n  enable_compression = false\n  extra_metrics = true";
    try (var h = start(config(addr, "2s", limited))) {
      assertThat(awaitSample("up").value()).isEqualTo(0.0);
      assertThat(awaitSample("scrape_body_size_bytes").value()).isEqualTo(-1.0);
      awaitLastError(h, "body size limit exceeded: exceeded body size limit of 2099 bytes");
      assertThat(sink.samples).noneMatch(s -> s.labels().get("__name__").startsWith("filler_"));
    }
  }

  @Test
  void theLimitAppliesToTheDecompressedBody() throws Exception {
    body.set(bigExposition(1_000)); // 21,000 bytes, a few hundred gzipped
    String addr = serve();
    try (var h = start(config(addr, "2s", "body_size_limit = \"10KiB\""))) {
      assertThat(awaitSample("up").value()).isEqualTo(0.0);
      awaitLastError(h, "body size limit exceeded: exceeded body size limit of 10240 bytes");
      assertThat(sink.samples).noneMatch(s -> s.labels().get("__name__").startsWith("filler_"));
    }
  }

  @Test
  void aCompressedBodyUnderTheLimitIsScraped() throws Exception {
    body.set(bigExposition(1_000)); // exactly the limit, decompressed
    String addr = serve();
    try (var h = start(config(addr, "2s", "body_size_limit = \"21000B\""))) {
      assertThat(awaitSample("up").value())
          .as(
              "%s",
              ((PrometheusScrape.DebugInfo) ((PrometheusScrape) h.component()).debugInfo())
                  .targets())
          .isEqualTo(1.0);
      assertThat(awaitSample("filler_000999").value()).isEqualTo(1234.5);
    }
  }

  private static void awaitLastError(ComponentHarness<PrometheusScrape.Arguments> h, String error) {
    Eventually.await(
        () ->
            ((PrometheusScrape.DebugInfo) ((PrometheusScrape) h.component()).debugInfo())
                .targets().stream().anyMatch(t -> t.lastError().equals(error)),
        "the target's last error: " + error);
  }

  @Test
  void malformedBodyReportsDownAndSendsNoSamples() throws Exception {
    body.set("temperature{ 21.5\n");
    String addr = serve();
    try (var h = start(config(addr, ""))) {
      assertThat(awaitSample("up").value()).isEqualTo(0.0);
      assertThat(sink.samples).noneMatch(s -> s.labels().get("__name__").equals("temperature"));
    }
  }

  @Test
  void disappearingSeriesAndRemovedTargetsGoStale() throws Exception {
    String addr = serve();
    try (var h = start(config(addr, ""))) {
      awaitSample("temperature");
      body.set("http_requests_total 1\n");
      Eventually.await(
          () ->
              sink.samples.stream()
                  .anyMatch(
                      s ->
                          s.labels().get("__name__").equals("temperature")
                              && Samples.isStale(s.value())),
          "a stale marker for temperature");
      h.update(
          """
          prometheus.scrape "t" {
            targets         = []
            forward_to      = [sink.receiver]
            scrape_interval = "100ms"
            scrape_timeout  = "100ms"
          }
          """);
      Eventually.await(
          () -> {
            Set<String> stale =
                sink.samples.stream()
                    .filter(s -> Samples.isStale(s.value()))
                    .map(s -> s.labels().get("__name__"))
                    .collect(Collectors.toSet());
            return stale.contains("http_requests_total") && stale.contains("up");
          },
          "stale markers for the removed target");
    }
  }

  @Test
  void memoryAddressTargetsCallTheComponentInProcess() throws Exception {
    // The harness' Services cannot be overridden, so this drives the Scraper directly.
    var services =
        new dev.jalloy.component.Services() {
          @Override
          public String memoryAddress() {
            return "alloy.internal:12345";
          }

          @Override
          public String listenAddress() {
            return "127.0.0.1:12345";
          }

          @Override
          public dev.jalloy.component.LiveDebugging liveDebugging() {
            return dev.jalloy.component.LiveDebugging.DISABLED;
          }

          @Override
          public void writeSelfMetrics(java.io.Writer out) {}

          @Override
          public java.util.Optional<dev.jalloy.component.HttpHandlerProvider> componentHandler(
              String id) {
            return id.equals("prometheus.exporter.self.x")
                ? java.util.Optional.of(
                    req ->
                        dev.jalloy.component.HttpHandlerProvider.HttpResponse.text(
                            200, req.path() + " up_inprocess 1\n"))
                : java.util.Optional.empty();
          }
        };
    var args = PrometheusScrape.Arguments.defaults();
    var target =
        TargetLabels.build(
                Map.of(
                    "__address__", "alloy.internal:12345",
                    "__metrics_path__", "/api/v0/component/prometheus.exporter.self.x/metrics"),
                args)
            .orElseThrow();
    var fetched =
        new Scraper(services)
            .fetch(
                target, new Scraper.Settings("*/*", true, 0, Optional.empty(), Optional.empty()));
    assertThat(new String(fetched.body(), StandardCharsets.UTF_8))
        .isEqualTo("/metrics up_inprocess 1\n");
  }

  @Test
  void scrapesTheRealNodeExporter() throws Exception {
    Path binary = Path.of("/usr/bin/prometheus-node-exporter");
    if (!Files.isExecutable(binary)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI=true but " + binary + " is missing");
      }
      System.err.println("SKIPPED scrapesTheRealNodeExporter: " + binary + " is not installed");
      assumeTrue(false, binary + " is not installed");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process exporter =
        new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String addr = "127.0.0.1:" + port;
      String config =
          """
          prometheus.scrape "node" {
            targets         = [{"__address__" = "%s"}]
            forward_to      = [sink.receiver]
            scrape_interval = "1s"
            scrape_timeout  = "1s"
          }
          """
              .formatted(addr);
      try (var h = start(config)) {
        Eventually.await(
            Duration.ofSeconds(20),
            () ->
                sink.samples.stream()
                    .anyMatch(s -> s.labels().get("__name__").equals("up") && s.value() == 1.0),
            "up == 1 for node_exporter");
        var names =
            sink.samples.stream().map(s -> s.labels().get("__name__")).collect(Collectors.toSet());
        assertThat(names)
            .contains("node_exporter_build_info", "go_goroutines", "process_cpu_seconds_total");
        assertThat(sink.samples)
            .allSatisfy(
                s -> {
                  assertThat(s.labels().get("job")).isEqualTo("prometheus.scrape.node");
                  assertThat(s.labels().get("instance")).isEqualTo(addr);
                });
        // every family the exporter serves arrives
        byte[] raw =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://" + addr + "/metrics"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .body();
        Set<String> families =
            new String(raw, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.split(" ")[2])
                .collect(Collectors.toSet());
        for (String f : families) {
          assertThat(names).as("family " + f).anyMatch(n -> n.equals(f) || n.startsWith(f + "_"));
        }
      }
    } finally {
      exporter.destroy();
      exporter.waitFor();
    }
  }
}
