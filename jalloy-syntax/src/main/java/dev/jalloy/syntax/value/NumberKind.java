package dev.jalloy.syntax.value;

/**
 * The internal representation of an Alloy number. Arithmetic on two numbers happens in the wider
 * kind of the two, in the order {@code UINT < INT < FLOAT}.
 */
public enum NumberKind {
  UINT,
  INT,
  FLOAT;

  /** The wider of the two kinds, which binary operators compute in. */
  public static NumberKind widest(NumberKind a, NumberKind b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
