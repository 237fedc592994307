/**
 * The formatter behind {@code jalloy fmt}: re-prints a parsed file in the canonical layout of
 * {@code alloy fmt}, byte for byte.
 *
 * <p>It is a port of Alloy's {@code syntax/printer} in four stages, each named after the upstream
 * piece it follows: {@link dev.jalloy.syntax.printer.Walker} walks the tree and decides layout,
 * {@link dev.jalloy.syntax.printer.Printer} interleaves comments and writes tokens with tabwriter
 * control bytes, {@link dev.jalloy.syntax.printer.TabWriter} aligns columns as Go's {@code
 * text/tabwriter} does and {@link dev.jalloy.syntax.printer.Trimmer} removes trailing whitespace.
 * Everything works on UTF-8 bytes, so widths and columns are counted as Alloy counts them.
 *
 * <p>Deliberate differences from upstream, where its output would change or break the config:
 *
 * <ul>
 *   <li>A quoted object key is printed exactly as written. Alloy takes the text between the quotes
 *       verbatim (escapes are not decoded) but prints it with Go's {@code %q}, so a key containing
 *       a backslash, a quote or a non-printable character changed on every run. For every other key
 *       both give the same bytes.
 *   <li>A call with no arguments whose {@code )} is on a later line prints as {@code f()}; Alloy
 *       prints {@code f(,} and a line break, which does not parse.
 *   <li>Tabs (and vertical tabs and form feeds) inside string literals, and blanks before a line
 *       break inside a raw string, are kept. Alloy passes literal text to the tabwriter as layout,
 *       which turns such a tab into alignment padding and trims such blanks, changing the value.
 * </ul>
 *
 * <p>Everything else follows upstream, quirks included, because {@code fmt --test} must agree with
 * Alloy on which files are formatted: for example a multi-line binary expression is joined onto one
 * line and only aligns with its neighbours on the second run, and a trailing comment after a
 * block's closing brace takes the place of the blank line before the next block.
 */
package dev.jalloy.syntax.printer;
