package dev.jalloy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jalloy.component.Health;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final FakeRuntimeView runtime = new FakeRuntimeView();
  private final PrometheusRegistry controller = new PrometheusRegistry();
  private HttpService http;
  private ControllerMetrics controllerMetrics;

  @BeforeEach
  void start() throws Exception {
    http =
        HttpService.builder()
            .listenAddress("127.0.0.1:0")
            .controllerRegistry(controller)
            .version("v1.2.3")
            .build();
    controllerMetrics =
        ControllerMetrics.register(
            controller, () -> runtime.components().stream().map(c -> c.health().state()).toList());
    http.start();
    http.attach(runtime);
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private String scrape() throws Exception {
    return scrape("/metrics");
  }

  private String scrape(String pathAndQuery) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + pathAndQuery))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    return r.body();
  }

  private void twoComponentsWithTheSameFamily() {
    for (String id : List.of("prometheus.scrape.a", "prometheus.scrape.b")) {
      PrometheusRegistry r = new PrometheusRegistry();
      Counter c =
          Counter.builder()
              .name("prometheus_scrape_targets_scraped_total")
              .help("Targets scraped.")
              .labelNames("job")
              .register(r);
      c.labelValues("j\"ob\n").inc(3);
      Histogram.builder()
          .name("prometheus_scrape_duration_seconds")
          .help("Scrape duration.")
          .classicOnly()
          .classicUpperBounds(0.5, 1)
          .register(r)
          .observe(0.7);
      runtime.registries.put(id, r);
      runtime.add(HttpServiceTest.info(id, Health.healthy("started component", HttpServiceTest.T)));
    }
  }

  @Test
  void componentSamplesAreLabelledAndFamiliesMerged() throws Exception {
    twoComponentsWithTheSameFamily();
    String body = scrape();
    assertThat(body)
        .containsOnlyOnce("# TYPE prometheus_scrape_targets_scraped_total counter\n")
        .contains(
            "prometheus_scrape_targets_scraped_total{component_id=\"prometheus.scrape.a\","
                + "component_path=\"/\",job=\"j\\\"ob\\n\"} 3\n",
            "prometheus_scrape_targets_scraped_total{component_id=\"prometheus.scrape.b\","
                + "component_path=\"/\",job=\"j\\\"ob\\n\"} 3\n")
        .containsOnlyOnce("# TYPE prometheus_scrape_duration_seconds histogram\n")
        .contains(
            "prometheus_scrape_duration_seconds_bucket{component_id=\"prometheus.scrape.b\","
                + "component_path=\"/\",le=\"0.5\"} 0\n",
            "prometheus_scrape_duration_seconds_bucket{component_id=\"prometheus.scrape.b\","
                + "component_path=\"/\",le=\"1\"} 1\n",
            "prometheus_scrape_duration_seconds_bucket{component_id=\"prometheus.scrape.b\","
                + "component_path=\"/\",le=\"+Inf\"} 1\n",
            "prometheus_scrape_duration_seconds_count{component_id=\"prometheus.scrape.b\","
                + "component_path=\"/\"} 1\n");
  }

  @Test
  void nameParametersPickFamiliesByTheirOwnOrTheirSamplesNames() throws Exception {
    twoComponentsWithTheSameFamily();
    String all = scrape();
    assertThat(all).contains("# TYPE alloy_build_info gauge\n");

    String counter = scrape("/metrics?name[]=prometheus_scrape_targets_scraped_total");
    assertThat(counter)
        .containsOnlyOnce("# TYPE prometheus_scrape_targets_scraped_total counter\n")
        .contains("prometheus_scrape_targets_scraped_total{component_id=\"prometheus.scrape.b\",")
        .doesNotContain("prometheus_scrape_duration_seconds", "alloy_build_info");

    // a sample's name picks its whole family; two parameters add up; the brackets may be escaped
    String two =
        scrape(
            "/metrics?name%5B%5D=prometheus_scrape_duration_seconds_count"
                + "&name[]=alloy_build_info");
    assertThat(two)
        .contains(
            "# TYPE prometheus_scrape_duration_seconds histogram\n",
            "prometheus_scrape_duration_seconds_bucket{component_id=\"prometheus.scrape.a\",",
            "# TYPE alloy_build_info gauge\n")
        .doesNotContain("prometheus_scrape_targets_scraped_total");

    assertThat(scrape("/metrics?name[]=no_such_metric")).isEmpty();
    assertThat(scrape("/metrics?other=1"))
        .contains(
            "# TYPE prometheus_scrape_targets_scraped_total counter\n",
            "# TYPE prometheus_scrape_duration_seconds histogram\n",
            "# TYPE alloy_build_info gauge\n");
  }

  @Test
  void controllerAndProcessMetricsUseAlloysNames() throws Exception {
    twoComponentsWithTheSameFamily();
    runtime.add(HttpServiceTest.info("loki.write.x", Health.unhealthy("bad", HttpServiceTest.T)));
    controllerMetrics.observeEvaluation("loki.write.x", Duration.ofMillis(3));
    controllerMetrics.setEvaluating(false);
    controllerMetrics.recordLoad(true, "ABCDEF");
    String body = scrape();
    assertThat(body)
        .contains(
            "alloy_component_controller_running_components{controller_id=\"\","
                + "controller_path=\"/\",health_type=\"healthy\"} 2\n",
            "alloy_component_controller_running_components{controller_id=\"\","
                + "controller_path=\"/\",health_type=\"unhealthy\"} 1\n",
            "alloy_component_evaluation_seconds_bucket{controller_id=\"\",controller_path=\"/\","
                + "le=\"0.005\"} 1\n",
            "alloy_component_controller_evaluating{controller_id=\"\",controller_path=\"/\"} 0\n",
            "alloy_config_last_load_successful 1\n",
            "alloy_config_load_failures_total 0\n",
            "alloy_config_hash{cluster_name=\"\",sha256=\"abcdef\"} 1\n",
            "# TYPE alloy_build_info gauge\n",
            "version=\"v1.2.3\"",
            "# TYPE jvm_memory_used_bytes gauge\n",
            "# TYPE process_cpu_seconds_total counter\n")
        .doesNotContain("health_type=\"exited\"");
  }

  @Test
  void conflictingFamiliesAreDroppedAndCounted() throws Exception {
    PrometheusRegistry a = new PrometheusRegistry();
    Gauge.builder().name("same_name").register(a).set(1);
    PrometheusRegistry b = new PrometheusRegistry();
    Summary.builder().name("same_name").register(b).observe(1);
    runtime.registries.put("x.y.a", a);
    runtime.registries.put("x.y.b", b);
    String first = scrape();
    assertThat(first)
        .containsOnlyOnce("# TYPE same_name gauge\n")
        .doesNotContain("same_name_count");
    assertThat(scrape()).contains("jalloy_metrics_families_dropped_total 1\n");
  }

  @Test
  void gzipWhenAsked() throws Exception {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics"))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
    String text =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(text).contains("# TYPE alloy_build_info gauge");
  }

  @Test
  void promtoolAcceptsTheExposition() throws Exception {
    twoComponentsWithTheSameFamily();
    Summary.builder()
        .name("loki_process_latency_seconds")
        .help("A summary with quantiles.")
        .quantile(0.5, 0.01)
        .register(runtime.registries.get("prometheus.scrape.a"))
        .observe(0.2);
    controllerMetrics.observeEvaluation("x", Duration.ofSeconds(2));
    Path promtool = promtool();
    Path file = Files.createTempFile("metrics", ".txt");
    try {
      Files.writeString(file, scrape());
      Process p =
          new ProcessBuilder(promtool.toString(), "check", "metrics")
              .redirectInput(file.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      // promtool exits 1 for a page it cannot parse and 3 for lint findings (naming advice);
      // both the parse and the lint must be clean, the JVM metrics included.
      assertThat(output).isEmpty();
      assertThat(p.exitValue()).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static Path promtool() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IOException("promtool (Debian package prometheus) is required under CI=true");
    }
    assumeTrue(
        false,
        "\n\n*** SKIPPED: promtool not found; install the Debian package `prometheus` "
            + "(./test.sh does) to lint /metrics ***\n");
    throw new AssertionError("unreachable");
  }
}
