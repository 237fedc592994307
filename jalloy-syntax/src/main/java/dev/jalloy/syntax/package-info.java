/** The Alloy configuration language. */
package dev.jalloy.syntax;
