/** The scanner: UTF-8 bytes to tokens, with Alloy's newline and comment rules. */
package dev.jalloy.syntax.scanner;
