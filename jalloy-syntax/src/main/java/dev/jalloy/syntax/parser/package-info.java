/** The parser: source bytes to a syntax tree, with every error reported in one pass. */
package dev.jalloy.syntax.parser;
