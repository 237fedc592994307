package dev.jalloy.runtime;

import dev.jalloy.syntax.decode.Attr;
import java.util.Optional;

/**
 * The body of jalloy's {@code constants} block: overrides of the standard library's {@code
 * constants} for one configuration. Alloy has no such block; a user configuration uses it to set
 * the host name its data is labelled with.
 */
record ConstantsOverride(@Attr(value = "hostname", optional = true) Optional<String> hostname) {}
