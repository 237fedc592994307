/**
 * Alloy values and what the language does with them: the {@link dev.jalloy.syntax.value.Value}
 * model (null, number with its three internal kinds, string, bool, array, object, function,
 * capsule, and the two secret capsules), number literals and number-to-string formatting ({@link
 * dev.jalloy.syntax.value.Numbers}), the operators ({@link dev.jalloy.syntax.value.Operators}) and
 * the assignment conversions ({@link dev.jalloy.syntax.value.Conversions}).
 *
 * <p>Failures are {@link dev.jalloy.syntax.value.ValueError}s carrying Alloy's own message text and
 * the offending value, so the evaluator can turn them into diagnostics that point at the right
 * expression.
 */
package dev.jalloy.syntax.value;
