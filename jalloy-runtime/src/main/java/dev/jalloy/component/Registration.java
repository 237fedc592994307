package dev.jalloy.component;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a component type is known to the configuration: its block name, stability, the records its
 * arguments decode into and its exports encode from, and how to build one.
 *
 * @param name the block name, e.g. {@code prometheus.scrape}
 * @param stability the stability level it is offered at
 * @param arguments the record a block body decodes into
 * @param exports the record its exports are published as; empty for a component without exports
 * @param factory builds an instance from its options and first arguments
 */
public record Registration<A extends Record>(
    String name,
    Stability stability,
    Class<A> arguments,
    Optional<Class<? extends Record>> exports,
    Factory<A> factory) {

  /** Builds a component. */
  @FunctionalInterface
  public interface Factory<A extends Record> {
    Component<A> build(Options options, A arguments) throws Exception;
  }

  /** Lower-case identifiers joined by dots, at least two of them (namespace and name). */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  public Registration {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "component name \"" + name + "\" must be dotted lower-case identifiers, e.g. a.b");
    }
  }

  public static <A extends Record> Registration<A> of(
      String name,
      Stability stability,
      Class<A> arguments,
      Class<? extends Record> exports,
      Factory<A> factory) {
    return new Registration<>(name, stability, arguments, Optional.of(exports), factory);
  }

  public static <A extends Record> Registration<A> withoutExports(
      String name, Stability stability, Class<A> arguments, Factory<A> factory) {
    return new Registration<>(name, stability, arguments, Optional.empty(), factory);
  }
}
