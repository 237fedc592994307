package dev.jalloy.runtime;

import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.vm.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Component exports as the expressions of a configuration see them: component {@code
 * prometheus.exporter.unix "node"} appears as {@code prometheus -> exporter -> unix -> node ->
 * {targets = ...}}, so {@code prometheus.exporter.unix.node.targets} is plain field access.
 *
 * <p>Each root identifier's object is built on first use and cached until an export under that root
 * changes, so a change costs one rebuild of one root at the next evaluation, not a rebuild of the
 * whole scope per component.
 */
final class ExportsScope {
  private static final Value NO_EXPORTS = Value.EMPTY_OBJECT;

  /** Every component id with its fragments; fixed per load. */
  private volatile Map<String, List<String>> fragmentsById = Map.of();

  private final Map<String, Value> exportsById = new ConcurrentHashMap<>();
  private final Map<String, Value> rootCache = new ConcurrentHashMap<>();

  /** Sets the components of the current graph; exports of removed ids are forgotten. */
  void setComponents(Map<String, List<String>> fragmentsById) {
    this.fragmentsById = Map.copyOf(fragmentsById);
    exportsById.keySet().retainAll(fragmentsById.keySet());
    rootCache.clear();
  }

  /**
   * Records new exports.
   *
   * @return whether they differ from the previous ones
   */
  boolean publish(String id, Value exports) {
    Value previous = exportsById.put(id, exports);
    if (exports.equals(previous)) {
      return false;
    }
    List<String> fragments = fragmentsById.get(id);
    if (fragments != null) {
      rootCache.remove(fragments.getFirst());
    }
    return true;
  }

  Optional<Value> exports(String id) {
    return Optional.ofNullable(exportsById.get(id));
  }

  /** A scope that resolves component roots on top of {@code parent} (the standard library). */
  Scope over(Scope parent) {
    return parent.child(this::root);
  }

  private Optional<Value> root(String name) {
    Value cached = rootCache.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    Map<String, Object> tree = new LinkedHashMap<>();
    boolean found = false;
    for (Map.Entry<String, List<String>> e : fragmentsById.entrySet()) {
      List<String> fragments = e.getValue();
      if (!fragments.getFirst().equals(name)) {
        continue;
      }
      found = true;
      Map<String, Object> node = tree;
      for (int i = 1; i < fragments.size() - 1; i++) {
        node = child(node, fragments.get(i));
      }
      node.put(fragments.getLast(), exportsById.getOrDefault(e.getKey(), NO_EXPORTS));
    }
    if (!found) {
      return Optional.empty();
    }
    Value value = toValue(tree);
    rootCache.put(name, value);
    return Optional.of(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> node, String name) {
    Object existing = node.get(name);
    if (existing instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    node.put(name, created);
    return created;
  }

  @SuppressWarnings("unchecked")
  private static Value toValue(Map<String, Object> tree) {
    Map<String, Value> fields = new LinkedHashMap<>();
    tree.forEach(
        (k, v) ->
            fields.put(k, v instanceof Value value ? value : toValue((Map<String, Object>) v)));
    return Value.object(fields);
  }
}
