package dev.jalloy.syntax.value;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A failed operation on Alloy values: a type mismatch, a division by zero, a bad function argument.
 * {@link #getMessage()} is Alloy's own text (e.g. {@code expected number, got string}, {@code
 * divide by zero error}, {@code secrets may not be converted into strings}).
 *
 * <p>The error also keeps what the evaluator needs to point at the culprit: the offending {@link
 * #value()}, for type errors the {@link #expected()} type (Alloy's diagnostics then read {@code
 * should be number, got string}), and the {@link #path()} from the value handed to the failing
 * operation down to the part that failed: which function argument, array element or object field.
 *
 * <p>It has no stack trace: it reports a problem in the user's configuration, not in jalloy, and it
 * is thrown often enough (e.g. {@code coalesce}-style probing by callers) to make the trace cost
 * matter.
 */
public final class ValueError extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** One step from an outer value into the part that failed. */
  public sealed interface Step permits Argument, Element, Field {}

  /**
   * The failing part is argument {@code index} (0-based) of a function call.
   *
   * @param index 0-based argument position
   */
  public record Argument(int index) implements Step {}

  /**
   * The failing part is element {@code index} (0-based) of an array.
   *
   * @param index 0-based element position
   */
  public record Element(int index) implements Step {}

  /**
   * The failing part is field {@code name} of an object.
   *
   * @param name the field name
   */
  public record Field(String name) implements Step {}

  private final transient Value value;
  private final ValueType expected; // null unless this is a type error
  private final transient List<Step> path;

  private ValueError(String message, Value value, ValueType expected, List<Step> path) {
    super(message, null, false, false);
    this.value = value;
    this.expected = expected;
    this.path = path;
  }

  /** A general error about value with Alloy's message text. */
  public static ValueError of(Value value, String message) {
    return new ValueError(message, value, null, List.of());
  }

  /** {@code expected <expected>, got <actual type>}: value has the wrong type. */
  public static ValueError typeError(Value value, ValueType expected) {
    return new ValueError(
        "expected " + expected.alloyName() + ", got " + value.type().alloyName(),
        value,
        expected,
        List.of());
  }

  /** This error, located at argument {@code index} of a function call. */
  public ValueError atArgument(int index) {
    return prepend(new Argument(index));
  }

  /** This error, located at element {@code index} of an array. */
  public ValueError atElement(int index) {
    return prepend(new Element(index));
  }

  /** This error, located at field {@code name} of an object. */
  public ValueError atField(String name) {
    return prepend(new Field(name));
  }

  private ValueError prepend(Step step) {
    List<Step> p = new ArrayList<>(path.size() + 1);
    p.add(step);
    p.addAll(path);
    return new ValueError(getMessage(), value, expected, Collections.unmodifiableList(p));
  }

  /** The value that caused the error (the innermost one, for nested failures). */
  public Value value() {
    return value;
  }

  /** For a type error, the type that was expected; {@link #value()} has the actual one. */
  public Optional<ValueType> expected() {
    return Optional.ofNullable(expected);
  }

  /** Whether this is an {@code expected X, got Y} type error. */
  public boolean isTypeError() {
    return expected != null;
  }

  /** Steps from the value given to the failing operation down to {@link #value()}. */
  public List<Step> path() {
    return path;
  }
}
