package dev.jalloy.component.prometheus.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExporterTest {
  @Test
  void instanceIsHostnameFromTheEnvironmentFirst() {
    assertThat(Exporter.defaultInstance(Map.of("HOSTNAME", "pod-7")::get)).isEqualTo("pod-7");
  }

  @Test
  void instanceFallsBackToTheKernelsHostName() {
    String fallback = Exporter.defaultInstance(Map.<String, String>of()::get);
    assertThat(fallback).isNotBlank();
    assertThat(Exporter.defaultInstance(Map.of("HOSTNAME", "")::get)).isEqualTo(fallback);
  }

  @Test
  void metricsPathIsWhereTheHttpServiceRoutesComponents() {
    assertThat(Exporter.metricsPath("prometheus.exporter.unix.host"))
        .isEqualTo("/api/v0/component/prometheus.exporter.unix.host/metrics");
  }
}
