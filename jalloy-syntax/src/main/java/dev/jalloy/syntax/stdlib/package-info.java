/**
 * Alloy's standard library: the root identifiers a configuration can use without declaring them
 * ({@code string}, {@code encoding}, {@code array}, {@code convert}, {@code sys}, {@code file},
 * {@code constants}, {@code coalesce}, {@code json_path} and the deprecated top-level aliases), as
 * {@link dev.jalloy.syntax.value.Value}s the evaluator puts in its outermost scope.
 *
 * <p>Every function decodes its arguments the way Alloy decodes them into Go parameters (so {@code
 * string.to_upper(5)} works through number-to-string conversion) and reports arity and type
 * problems as {@link dev.jalloy.syntax.value.ValueError}s with Alloy's wording.
 */
package dev.jalloy.syntax.stdlib;
