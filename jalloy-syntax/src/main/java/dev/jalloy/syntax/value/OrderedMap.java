package dev.jalloy.syntax.value;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable, insertion-ordered map behind {@link Value.Obj}. A dedicated class (rather than
 * {@code Collections.unmodifiableMap}) lets {@link #copyOf} recognise maps that are already safe
 * and skip the copy, which matters because objects are rebuilt on every evaluation.
 */
final class OrderedMap extends AbstractMap<String, Value> {
  private final Map<String, Value> view;

  private OrderedMap(Map<String, Value> owned) {
    this.view = Collections.unmodifiableMap(owned);
  }

  /** Wraps a map that nobody else holds a reference to. */
  static OrderedMap wrap(Map<String, Value> owned) {
    return new OrderedMap(owned);
  }

  /** An immutable ordered copy of m, or m itself when it already is one. */
  static Map<String, Value> copyOf(Map<String, ? extends Value> m) {
    if (m instanceof OrderedMap om) {
      return om;
    }
    if (m.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<String, Value> copy = LinkedHashMap.newLinkedHashMap(m.size());
    for (Map.Entry<String, ? extends Value> e : m.entrySet()) {
      copy.put(
          Objects.requireNonNull(e.getKey(), "key"), Objects.requireNonNull(e.getValue(), "value"));
    }
    return new OrderedMap(copy);
  }

  @Override
  public Value get(Object key) {
    return view.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return view.containsKey(key);
  }

  @Override
  public int size() {
    return view.size();
  }

  @Override
  public Set<String> keySet() {
    return view.keySet();
  }

  @Override
  public Set<Entry<String, Value>> entrySet() {
    return view.entrySet();
  }
}
