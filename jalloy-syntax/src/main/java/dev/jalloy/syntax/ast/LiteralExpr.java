package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.Token;
import dev.jalloy.syntax.token.Utf8;

/**
 * A literal exactly as written: a number, string (with its quotes, escapes undecoded), bool or
 * null. The formatter re-emits {@link #value()} verbatim; the evaluator decodes it.
 */
public record LiteralExpr(Token kind, String value, int start) implements Expr {
  @Override
  public int end() {
    return start + Utf8.length(value);
  }
}
