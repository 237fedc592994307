package dev.jalloy.syntax.ast;

import java.util.List;

/** {@code { a = 1, "b" = 2 }}. */
public record ObjectExpr(int lcurlyPos, List<ObjectField> fields, int rcurlyPos) implements Expr {
  public ObjectExpr {
    fields = List.copyOf(fields);
  }

  @Override
  public int start() {
    return lcurlyPos;
  }

  @Override
  public int end() {
    return rcurlyPos + 1;
  }
}
