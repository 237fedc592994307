package dev.jalloy.component;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * What the runtime gives each component when it is built.
 *
 * <p>Everything here is scoped to the one component: its log lines carry {@code component_id}, its
 * metrics are exposed on {@code /metrics} with {@code component_id} and {@code component_path}
 * labels, and its data directory is its own.
 */
public interface Options {
  /** The global component id, e.g. {@code prometheus.scrape.default}. */
  String id();

  /** A logger whose lines carry {@code component_path} and {@code component_id}. */
  Logger logger();

  /**
   * {@code <--storage.path>/<id>}: where the component keeps state across restarts (WAL,
   * positions). Created on first use by the component.
   */
  Path dataPath();

  /**
   * The component's own metrics registry. Everything registered here appears on {@code /metrics}
   * labelled with the component; it is dropped when the component is removed.
   */
  PrometheusRegistry registry();

  /**
   * Publishes new exports. Exports equal to the previous ones are ignored; otherwise the components
   * that reference this one are re-evaluated.
   */
  void onStateChange(Record exports);

  /** The clock to use for timestamps, replaceable in tests. */
  Clock clock();

  /** Runtime services a component may use: the HTTP listener, live debugging, ... */
  Services services();
}
