package dev.jalloy.syntax.vm;

import dev.jalloy.syntax.value.Value;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The identifiers an expression can see: its own (component exports, module arguments, a foreach
 * variable), then its parent's, ending at the standard library.
 *
 * <p>A scope is either a fixed set of variables or a resolver asked by name; the controller uses a
 * resolver so that a graph of a thousand components does not rebuild a thousand-entry map each time
 * one of them changes its exports.
 */
public final class Scope {
  private final Scope parent;
  private final Function<String, Optional<Value>> resolver;

  private Scope(Scope parent, Function<String, Optional<Value>> resolver) {
    this.parent = parent;
    this.resolver = resolver;
  }

  /** A root scope holding just these variables, e.g. the standard library's identifiers. */
  public static Scope root(Map<String, Value> variables) {
    Map<String, Value> copy = Map.copyOf(variables);
    return new Scope(null, name -> Optional.ofNullable(copy.get(name)));
  }

  /** A scope that sees {@code variables} first and this scope's identifiers after them. */
  public Scope child(Map<String, Value> variables) {
    Map<String, Value> copy = Map.copyOf(variables);
    return new Scope(this, name -> Optional.ofNullable(copy.get(name)));
  }

  /**
   * A scope that asks {@code resolver} first and this scope after it. The resolver must be cheap
   * and safe to call from any thread.
   */
  public Scope child(Function<String, Optional<Value>> resolver) {
    return new Scope(this, resolver);
  }

  /** The value bound to {@code name}, searching outwards. */
  public Optional<Value> lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Optional<Value> v = s.resolver.apply(name);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }
}
