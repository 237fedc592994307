package dev.jalloy.syntax.value;

import java.util.List;

/**
 * The Java side of an Alloy function value: the standard library's functions and functions exported
 * by components. Arguments arrive already evaluated, left to right; an implementation decodes them
 * into the types it needs and throws {@link ValueError} (with the argument index set through {@link
 * ValueError#atArgument}) when it cannot.
 */
@FunctionalInterface
public interface AlloyFunction {
  /** Calls the function. Must not return {@code null}: use {@link Value#NULL}. */
  Value call(List<Value> args);
}
