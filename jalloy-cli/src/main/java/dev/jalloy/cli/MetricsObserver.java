package dev.jalloy.cli;

import dev.jalloy.component.Health;
import dev.jalloy.runtime.Controller;
import dev.jalloy.service.ControllerMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Feeds what the controller does into Alloy's controller metrics. */
final class MetricsObserver implements Controller.Observer {
  private volatile Supplier<List<Health.State>> states = List::of;
  private final ControllerMetrics metrics;

  MetricsObserver(PrometheusRegistry registry) {
    this.metrics = ControllerMetrics.register(registry, () -> states.get());
  }

  /** Reads component health from {@code controller} at every scrape. */
  void watch(Controller controller) {
    states = () -> controller.health().values().stream().map(Health::state).toList();
  }

  @Override
  public void evaluated(String componentId, Duration took) {
    metrics.observeEvaluation(componentId, took);
  }

  @Override
  public void evaluating(boolean evaluating) {
    metrics.setEvaluating(evaluating);
  }

  @Override
  public void loaded(boolean ok, String sha256) {
    metrics.recordLoad(ok, sha256);
  }
}
