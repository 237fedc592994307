package dev.jalloy.runtime;

import dev.jalloy.component.HttpHandlerProvider;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running configuration as the HTTP service sees it: components for the API and UI, readiness,
 * component HTTP handlers, metrics registries, and reload. Implemented by the controller; every
 * method is safe to call from request threads.
 */
public interface RuntimeView {
  /** Every component of the root module, in a stable order (by id). */
  List<ComponentInfo> components();

  Optional<ComponentInfo> component(String id);

  /**
   * Whether a component with this id exists; unlike {@link #component} it does not build the
   * component's info (its arguments and exports encoded), which request routing asks per request.
   */
  default boolean hasComponent(String id) {
    return component(id).isPresent();
  }

  /** True once the first load succeeded ({@code /-/ready}). */
  boolean ready();

  /** The HTTP handler of a component that serves one under {@code /api/v0/component/<id>/}. */
  Optional<HttpHandlerProvider> httpHandler(String id);

  /**
   * Each live component's own metrics registry by component id. The {@code /metrics} handler adds
   * {@code component_id} and {@code component_path="/"} labels to what they hold.
   */
  Map<String, PrometheusRegistry> componentRegistries();

  /** Re-reads the configuration and applies it; what {@code /-/reload} and SIGHUP do. */
  ReloadResult reload();

  /**
   * The outcome of a reload.
   *
   * @param ok whether the new configuration loaded without error
   * @param message the errors, printed as diagnostics with source lines, empty when ok
   */
  record ReloadResult(boolean ok, String message) {}
}
