package dev.jalloy.syntax.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the dotted name chains an expression body uses, such as {@code
 * prometheus.exporter.unix.node.targets} or {@code string.format}: every uninterrupted run of field
 * accesses that starts at an identifier. An index or a call ends a chain ({@code a.b[0].c} yields
 * {@code a.b}). The controller matches chains against component ids to build the graph; the
 * standard-library checks match them against function names.
 */
public final class Traversals {
  private final List<List<Ident>> found = new ArrayList<>();
  private List<Ident> current;

  private Traversals() {}

  /** Every chain used in the statements of a body, nested blocks included, in source order. */
  public static List<List<Ident>> of(List<Stmt> body) {
    Traversals t = new Traversals();
    t.body(body);
    t.flush();
    return t.found;
  }

  /** Every chain used in one expression. */
  public static List<List<Ident>> of(Expr expr) {
    Traversals t = new Traversals();
    t.expr(expr);
    t.flush();
    return t.found;
  }

  /** A chain as text: {@code a.b.c}. */
  public static String text(List<Ident> chain) {
    StringBuilder sb = new StringBuilder();
    for (Ident i : chain) {
      if (!sb.isEmpty()) {
        sb.append('.');
      }
      sb.append(i.name());
    }
    return sb.toString();
  }

  private void body(List<Stmt> body) {
    for (Stmt stmt : body) {
      switch (stmt) {
        case AttributeStmt a -> expr(a.value());
        case BlockStmt b -> body(b.body());
      }
    }
  }

  private void expr(Expr expr) {
    switch (expr) {
      case IdentifierExpr id -> {
        flush();
        current = new ArrayList<>();
        current.add(id.ident());
      }
      case AccessExpr access -> {
        expr(access.value());
        if (current != null) {
          current.add(access.name());
        }
      }
      case IndexExpr index -> {
        expr(index.value());
        flush();
        expr(index.index());
      }
      case CallExpr call -> {
        expr(call.value());
        flush();
        for (Expr arg : call.args()) {
          expr(arg);
        }
      }
      case ArrayExpr array -> array.elements().forEach(this::expr);
      case ObjectExpr object -> object.fields().forEach(f -> expr(f.value()));
      case UnaryExpr unary -> expr(unary.value());
      case BinaryExpr binary -> {
        expr(binary.left());
        expr(binary.right());
      }
      case ParenExpr paren -> expr(paren.inner());
      case LiteralExpr literal -> {}
    }
  }

  private void flush() {
    if (current != null && !current.isEmpty()) {
      found.add(List.copyOf(current));
    }
    current = null;
  }
}
