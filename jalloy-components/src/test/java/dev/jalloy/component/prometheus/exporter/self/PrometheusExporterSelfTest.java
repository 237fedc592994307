package dev.jalloy.component.prometheus.exporter.self;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.HttpHandlerProvider.HttpResponse;
import dev.jalloy.component.prometheus.exporter.Exporter;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.testkit.ComponentHarness;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrometheusExporterSelfTest {
  /** One sample line of the text format 0.0.4: name, optional labels, value, optional timestamp. */
  private static final Pattern SAMPLE =
      Pattern.compile(
          "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})?"
              + " (-?[0-9.]+([eE][-+]?[0-9]+)?|NaN|[-+]Inf)( -?[0-9]+)?");

  private static final Pattern META = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");

  @BeforeAll
  static void registerProcessMetrics() {
    // What the process does at start: the JVM's metrics in the process-wide registry.
    JvmMetrics.builder().register(PrometheusRegistry.defaultRegistry);
  }

  @Test
  void exportsAlloysTargetForTheSelfExporter() throws Exception {
    try (var h =
        ComponentHarness.start(
            PrometheusExporterSelf.REGISTRATION, "prometheus.exporter.self \"default\" {}")) {
      assertThat(h.exports(Exporter.Exports.class).targets())
          .containsExactly(
              Map.of(
                  "__address__", "alloy.internal:12345",
                  "__scheme__", "http",
                  "__metrics_path__", "/api/v0/component/prometheus.exporter.self.default/metrics",
                  "instance", Exporter.defaultInstance(),
                  "job", "integrations/self",
                  "__meta_component_name", "prometheus.exporter.self",
                  "__meta_component_id", "prometheus.exporter.self.default"));
      // keys in sorted order, as Alloy shows them
      assertThat(h.exports(Exporter.Exports.class).targets().getFirst().keySet())
          .containsExactly(
              "__address__",
              "__meta_component_id",
              "__meta_component_name",
              "__metrics_path__",
              "__scheme__",
              "instance",
              "job");
    }
  }

  @Test
  void metricsAreTheProcessMetricsInTheTextFormat() throws Exception {
    try (var h =
        ComponentHarness.start(
            PrometheusExporterSelf.REGISTRATION, new PrometheusExporterSelf.Arguments())) {
      HttpResponse response = h.http("GET", "/metrics");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
      String text = new String(response.body(), StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      assertThat(lines)
          .isNotEmpty()
          .allSatisfy(
              line ->
                  assertThat(SAMPLE.matcher(line).matches() || META.matcher(line).matches())
                      .as("a valid exposition line: %s", line)
                      .isTrue());
      assertThat(text)
          .contains("# TYPE jvm_memory_used_bytes gauge")
          .contains("jvm_memory_used_bytes{area=\"heap\"} ")
          .contains("jvm_threads_current ");
    }
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    try (var h =
        ComponentHarness.start(
            PrometheusExporterSelf.REGISTRATION, new PrometheusExporterSelf.Arguments())) {
      HttpResponse response = h.http("GET", "/other");
      assertThat(response.status()).isEqualTo(404);
      assertThat(new String(response.body(), StandardCharsets.UTF_8))
          .isEqualTo("404 page not found\n");
    }
  }

  @Test
  void takesNoArguments() {
    assertThat(
            ComponentHarness.decode(
                    PrometheusExporterSelf.REGISTRATION, "prometheus.exporter.self \"x\" {}")
                .value())
        .contains(new PrometheusExporterSelf.Arguments());
    assertThat(
            ComponentHarness.decode(
                    PrometheusExporterSelf.REGISTRATION,
                    "prometheus.exporter.self \"x\" { level = 1 }")
                .diagnostics()
                .asList())
        .extracting(Diagnostic::message)
        .containsExactly("unrecognized attribute name \"level\"");
  }
}
