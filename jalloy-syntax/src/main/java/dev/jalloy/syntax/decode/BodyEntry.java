package dev.jalloy.syntax.decode;

import dev.jalloy.syntax.value.Value;
import java.util.List;

/** One statement of a block body in encoded form: what the UI and API show. */
public sealed interface BodyEntry {
  String name();

  /** {@code name = value}. */
  record Attribute(String name, Value value) implements BodyEntry {}

  /** {@code name "label" { body }}; the label is empty for unlabelled blocks. */
  record Nested(String name, String label, List<BodyEntry> body) implements BodyEntry {
    public Nested {
      body = List.copyOf(body);
    }
  }
}
