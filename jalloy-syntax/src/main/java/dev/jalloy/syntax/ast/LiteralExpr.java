package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.Token;

/**
 * A literal exactly as written: a number, string (with its quotes, escapes undecoded), bool or
 * null. The formatter re-emits {@link #value()} verbatim; the evaluator decodes it.
 */
public record LiteralExpr(Token kind, String value, int start) implements Expr {
  @Override
  public int end() {
    return start + utf8Length(value);
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
