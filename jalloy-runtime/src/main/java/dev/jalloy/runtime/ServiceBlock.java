package dev.jalloy.runtime;

import java.util.function.Consumer;

/**
 * A top-level configuration block that configures a service rather than building a component:
 * {@code logging}, {@code http}, {@code livedebugging}. The controller decodes the block into
 * {@code arguments} on every load (reload included) and hands the result to {@code apply}; when the
 * block is absent it hands over {@code defaults}, so removing the block from the file resets the
 * service.
 *
 * @param name the block name, e.g. {@code logging}
 * @param arguments the record the block decodes into (its {@code defaults()} give the defaults)
 * @param defaults what applies when the block is absent
 * @param apply receives the arguments; may throw {@link IllegalArgumentException} to reject them
 */
public record ServiceBlock<A extends Record>(
    String name, Class<A> arguments, A defaults, Consumer<A> apply) {

  void applyDecoded(Object decoded) {
    apply.accept(arguments.cast(decoded));
  }

  void applyDefaults() {
    apply.accept(defaults);
  }
}
