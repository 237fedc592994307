package dev.jalloy.component.loki.process;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * What a stage may need when it is built: the component's logger, its metrics registry (for {@code
 * stage.metrics}, and for the drop counter), a clock, and the counter every stage that drops
 * entries increments ({@code loki_process_dropped_lines_total{reason}}).
 *
 * @param componentId the {@code loki.process} component's id
 * @param logger the component's logger
 * @param registry the component's registry; metrics registered here are unregistered on update
 * @param clock the time source (tests pass a fixed one)
 * @param drops counts dropped entries by reason
 */
public record StageContext(
    String componentId,
    Logger logger,
    PrometheusRegistry registry,
    Clock clock,
    DropCounter drops) {

  /** Counts entries a stage dropped, with the reason Alloy gives. */
  @FunctionalInterface
  public interface DropCounter {
    /** One more entry dropped for {@code reason}. */
    void dropped(String reason);
  }
}
