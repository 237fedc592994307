package dev.jalloy.syntax.ast;

/** A statement of a body: an attribute assignment or a block. */
public sealed interface Stmt extends Node permits AttributeStmt, BlockStmt {}
