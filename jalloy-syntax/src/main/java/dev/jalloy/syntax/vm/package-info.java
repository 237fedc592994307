/** The evaluator: expressions to values within a scope, errors as positioned diagnostics. */
package dev.jalloy.syntax.vm;
