package dev.jalloy.syntax.decode;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code List<S>} record component, where {@code S} is a sealed interface, as an enum
 * block: an ordered list of differently named blocks sharing a prefix, such as {@code stage.json},
 * {@code stage.regex} in {@code loki.process}. Each permitted record of {@code S} names its block
 * with {@link BlockName}; the list keeps file order across all of them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface EnumBlock {
  /** The shared prefix, e.g. {@code stage}. */
  String value();
}
