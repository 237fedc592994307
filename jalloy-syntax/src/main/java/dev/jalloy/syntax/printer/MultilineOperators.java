package dev.jalloy.syntax.printer;

import dev.jalloy.syntax.ast.AccessExpr;
import dev.jalloy.syntax.ast.ArrayExpr;
import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BinaryExpr;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.CallExpr;
import dev.jalloy.syntax.ast.File;
import dev.jalloy.syntax.ast.IdentifierExpr;
import dev.jalloy.syntax.ast.IndexExpr;
import dev.jalloy.syntax.ast.LiteralExpr;
import dev.jalloy.syntax.ast.ObjectExpr;
import dev.jalloy.syntax.ast.ParenExpr;
import dev.jalloy.syntax.ast.UnaryExpr;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a file has an operator expression whose source contains a line break: the one shape
 * Alloy's printer needs two runs to settle. Walks with an explicit stack, as trees may be deep.
 */
final class MultilineOperators {
  private MultilineOperators() {}

  static boolean present(File file) {
    byte[] source = file.source().bytes();
    Deque<Object> work = new ArrayDeque<>(file.body());
    while (!work.isEmpty()) {
      switch (work.pop()) {
        case BlockStmt b -> b.body().forEach(work::push);
        case AttributeStmt a -> work.push(a.value());
        case BinaryExpr b -> {
          if (hasNewline(source, b.start(), b.end())) {
            return true;
          }
          // Everything inside lies within this one-line span: nothing below can be multi-line.
          // Skipping it also keeps long chains linear rather than quadratic.
        }
        case UnaryExpr u -> work.push(u.value());
        case ParenExpr p -> work.push(p.inner());
        case ArrayExpr a -> a.elements().forEach(work::push);
        case ObjectExpr o -> o.fields().forEach(f -> work.push(f.value()));
        case CallExpr c -> {
          work.push(c.value());
          c.args().forEach(work::push);
        }
        case IndexExpr i -> {
          work.push(i.value());
          work.push(i.index());
        }
        case AccessExpr a -> work.push(a.value());
        case IdentifierExpr i -> {}
        case LiteralExpr l -> {}
        default -> throw new IllegalStateException("unexpected node");
      }
    }
    return false;
  }

  private static boolean hasNewline(byte[] source, int start, int end) {
    for (int i = start; i < end && i < source.length; i++) {
      if (source[i] == '\n') {
        return true;
      }
    }
    return false;
  }
}
