package dev.jalloy.syntax.decode;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component as a nested block ({@code name { ... }}). The component's type is a
 * record (a block that may appear once), {@code Optional<record>} (at most once, absent when not
 * written), or {@code List<record>} (repeated blocks, in file order).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Block {
  /** The block's name, possibly dotted, e.g. {@code basic_auth} or {@code queue_config}. */
  String value();

  boolean optional() default false;
}
