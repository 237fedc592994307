package dev.jalloy.runtime;

import dev.jalloy.component.Registration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The component types a configuration may use, by block name. */
public final class ComponentRegistry {
  private final Map<String, Registration<?>> byName;

  private ComponentRegistry(Map<String, Registration<?>> byName) {
    this.byName = byName;
  }

  /**
   * A registry of these registrations.
   *
   * @throws IllegalArgumentException when two share a name, or a name is a prefix of another's that
   *     would make references ambiguous ({@code a.b} and {@code a.b.c})
   */
  public static ComponentRegistry of(List<Registration<?>> registrations) {
    Map<String, Registration<?>> byName = new LinkedHashMap<>();
    for (Registration<?> r : registrations) {
      if (byName.putIfAbsent(r.name(), r) != null) {
        throw new IllegalArgumentException("component " + r.name() + " registered twice");
      }
    }
    for (String a : byName.keySet()) {
      for (String b : byName.keySet()) {
        if (!a.equals(b) && b.startsWith(a + ".")) {
          throw new IllegalArgumentException(
              "component name " + a + " is a prefix of " + b + "; references would be ambiguous");
        }
      }
    }
    return new ComponentRegistry(Map.copyOf(byName));
  }

  public Optional<Registration<?>> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Registration<?>> all() {
    return byName.values();
  }
}
