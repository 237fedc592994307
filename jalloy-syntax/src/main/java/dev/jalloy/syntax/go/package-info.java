/**
 * Faithful Java versions of the few Go standard-library behaviours that Alloy users can see in
 * their configuration: {@code strconv.Quote}, {@code strconv.FormatFloat}, {@code
 * time.ParseDuration} / {@code Duration.String}, base-2 byte sizes, and the string helpers the
 * standard library functions are defined by ({@code strings.*}, {@code url.QueryEscape}, {@code
 * filepath.Join}).
 *
 * <p>Each class names the Go function it follows and keeps Go's error text, so Alloy's
 * documentation and existing configurations keep their meaning. Nothing here knows about Alloy
 * values; the language packages build on it.
 */
package dev.jalloy.syntax.go;
