/**
 * Decoding of Alloy block bodies into Java argument records: annotations that give record
 * components their Alloy names ({@link dev.jalloy.syntax.decode.Attr}, {@link
 * dev.jalloy.syntax.decode.Block}, {@link dev.jalloy.syntax.decode.EnumBlock}, {@link
 * dev.jalloy.syntax.decode.Label}), the schema read from them, and the decoder that evaluates a
 * body against a scope, applies documented defaults and collects every problem as a diagnostic.
 */
package dev.jalloy.syntax.decode;
