package dev.jalloy.syntax.vm;

import dev.jalloy.syntax.value.Value;
import java.util.Map;
import java.util.Optional;

/**
 * The identifiers an expression can see: its own variables (component exports, module arguments, a
 * foreach variable), then its parent's, ending at the standard library. Immutable: the controller
 * builds a new scope when exports change.
 */
public final class Scope {
  private final Scope parent;
  private final Map<String, Value> variables;

  private Scope(Scope parent, Map<String, Value> variables) {
    this.parent = parent;
    this.variables = Map.copyOf(variables);
  }

  /** A root scope holding just these variables, e.g. the standard library's identifiers. */
  public static Scope root(Map<String, Value> variables) {
    return new Scope(null, variables);
  }

  /** A scope that sees {@code variables} first and this scope's identifiers after them. */
  public Scope child(Map<String, Value> variables) {
    return new Scope(this, variables);
  }

  /** The value bound to {@code name}, searching outwards. */
  public Optional<Value> lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Value v = s.variables.get(name);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
