package dev.jalloy.syntax.decode;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the block a member record of an {@link EnumBlock} is written as, relative to the enum's
 * prefix: {@code @BlockName("json")} under {@code @EnumBlock("stage")} is {@code stage.json}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BlockName {
  String value();
}
