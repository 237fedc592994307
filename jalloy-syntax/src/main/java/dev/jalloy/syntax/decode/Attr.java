package dev.jalloy.syntax.decode;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component as an Alloy attribute ({@code name = expression}).
 *
 * <p>Required unless {@link #optional()}; an omitted optional attribute keeps the value from the
 * record's {@code defaults()}. Supported Java types are listed in {@link BodyDecoder}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Attr {
  /** The attribute's name in the configuration, e.g. {@code scrape_interval}. */
  String value();

  boolean optional() default false;
}
