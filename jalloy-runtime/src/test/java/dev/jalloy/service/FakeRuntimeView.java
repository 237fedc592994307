package dev.jalloy.service;

import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.runtime.ComponentInfo;
import dev.jalloy.runtime.RuntimeView;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the controller, which is being written in parallel: components, handlers and
 * registries the tests set directly.
 */
final class FakeRuntimeView implements RuntimeView {
  volatile boolean ready;
  volatile ReloadResult reloadResult = new ReloadResult(true, "");
  final AtomicInteger reloads = new AtomicInteger();
  final Map<String, ComponentInfo> components = new ConcurrentHashMap<>();
  final Map<String, HttpHandlerProvider> handlers = new ConcurrentHashMap<>();
  final Map<String, PrometheusRegistry> registries = new ConcurrentHashMap<>();

  void add(ComponentInfo info) {
    components.put(info.id(), info);
  }

  @Override
  public List<ComponentInfo> components() {
    return List.copyOf(new TreeMap<>(components).values());
  }

  @Override
  public Optional<ComponentInfo> component(String id) {
    return Optional.ofNullable(components.get(id));
  }

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public Optional<HttpHandlerProvider> httpHandler(String id) {
    return Optional.ofNullable(handlers.get(id));
  }

  @Override
  public Map<String, PrometheusRegistry> componentRegistries() {
    return new TreeMap<>(registries);
  }

  @Override
  public ReloadResult reload() {
    reloads.incrementAndGet();
    return reloadResult;
  }
}
