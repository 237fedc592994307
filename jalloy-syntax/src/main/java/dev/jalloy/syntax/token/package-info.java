/** Tokens of the Alloy syntax and positions in source files. */
package dev.jalloy.syntax.token;
