package dev.jalloy.component.prometheus.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jalloy.testkit.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parses what real exporters serve: Debian's prometheus-node-exporter and Prometheus' own /metrics,
 * in both the text format and OpenMetrics, chosen by Content-Type as a scrape does.
 */
class RealExpositionTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void nodeExporterOutputParsesCompletely() throws Exception {
    Path bin = peer("/usr/bin/prometheus-node-exporter", "prometheus-node-exporter");
    int port = freePort();
    Process p =
        new ProcessBuilder(bin.toString(), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      checkBoth("http://127.0.0.1:" + port + "/metrics");
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  @Test
  void prometheusOwnOutputParsesCompletely(@TempDir Path dir) throws Exception {
    Path bin = peer("/usr/bin/prometheus", "prometheus");
    int port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1m\n");
    Process p =
        new ProcessBuilder(
                bin.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      checkBoth("http://127.0.0.1:" + port + "/metrics");
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  /** Scrapes once as the text format and once as OpenMetrics, and parses each completely. */
  private static void checkBoth(String url) {
    for (String accept :
        List.of("text/plain;version=0.0.4", ScrapeProtocol.DEFAULT_ACCEPT_HEADER)) {
      HttpResponse<byte[]> r =
          Eventually.await(
              Duration.ofSeconds(20),
              () -> get(url, accept),
              x -> x != null,
              "a response from " + url);
      assertThat(r.statusCode()).isEqualTo(200);
      String contentType = r.headers().firstValue("Content-Type").orElse("");
      ScrapeProtocol protocol =
          ScrapeProtocol.forContentType(
                  contentType, Optional.of(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4))
              .orElseThrow();
      byte[] body = r.body();
      TextParser parser = protocol.textParser(body, 0, body.length, new StringCache());
      int samples = 0;
      int exemplars = 0;
      try {
        for (TextParser.Entry e; (e = parser.next()) != TextParser.Entry.EOF; ) {
          if (e == TextParser.Entry.SERIES) {
            samples++;
            p(parser);
            exemplars += parser.hasExemplar() ? 1 : 0;
          }
        }
      } catch (ParseException e) {
        throw new AssertionError(contentType + ": " + e.getMessage(), e);
      }
      long sampleLines =
          new String(body, StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .count();
      assertThat(samples).as(contentType).isEqualTo(sampleLines).isGreaterThan(50);
      assertThat(exemplars).isGreaterThanOrEqualTo(0);
    }
  }

  private static void p(TextParser parser) {
    assertThat(parser.metricName()).isNotEmpty();
    for (int i = 0; i < parser.labelCount(); i++) {
      assertThat(parser.labelName(i)).isNotEmpty();
    }
  }

  private static HttpResponse<byte[]> get(String url, String accept) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Accept", accept)
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return null; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The peer's binary; under CI=true a missing peer fails, elsewhere the test is skipped. */
  private static Path peer(String path, String debianPackage) {
    Path bin = Path.of(path);
    if (!Files.isExecutable(bin)) {
      String msg =
          "!!! " + path + " is missing: apt-get install " + debianPackage + " to run this test";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg);
      }
      System.err.println(msg);
      assumeTrue(false, msg);
    }
    return bin;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
