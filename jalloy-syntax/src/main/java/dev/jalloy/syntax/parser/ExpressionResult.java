package dev.jalloy.syntax.parser;

import dev.jalloy.syntax.ast.Expr;
import dev.jalloy.syntax.diag.Diagnostics;

/** A parsed expression and the problems found. */
public record ExpressionResult(Expr expression, Diagnostics diagnostics) {}
