package dev.jalloy.syntax.vm;

import dev.jalloy.syntax.value.Value;

/**
 * Implemented by capsule payloads that read as objects in expressions, as Alloy's discovery targets
 * do: {@code target.__address__} and {@code target["job"]} work on them.
 */
public interface ObjectConvertible {
  Value.Obj toObject();
}
