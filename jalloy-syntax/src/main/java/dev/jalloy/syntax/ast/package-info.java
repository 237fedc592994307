/**
 * The syntax tree of an Alloy file. Nodes are immutable records carrying byte offsets into their
 * {@link dev.jalloy.syntax.token.SourceFile}; comments are kept beside the tree in {@link
 * dev.jalloy.syntax.ast.File#comments()} for the formatter.
 */
package dev.jalloy.syntax.ast;
