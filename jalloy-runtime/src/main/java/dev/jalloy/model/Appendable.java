package dev.jalloy.model;

/** Something samples can be appended to: a receiver, a WAL, a fan-out. */
@FunctionalInterface
public interface Appendable {
  /** A new transaction. */
  Appender appender();
}
