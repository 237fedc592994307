package dev.jalloy.syntax.vm;

import dev.jalloy.syntax.ast.AccessExpr;
import dev.jalloy.syntax.ast.ArrayExpr;
import dev.jalloy.syntax.ast.BinaryExpr;
import dev.jalloy.syntax.ast.CallExpr;
import dev.jalloy.syntax.ast.Expr;
import dev.jalloy.syntax.ast.IdentifierExpr;
import dev.jalloy.syntax.ast.IndexExpr;
import dev.jalloy.syntax.ast.LiteralExpr;
import dev.jalloy.syntax.ast.Node;
import dev.jalloy.syntax.ast.ObjectExpr;
import dev.jalloy.syntax.ast.ObjectField;
import dev.jalloy.syntax.ast.ParenExpr;
import dev.jalloy.syntax.ast.UnaryExpr;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.scanner.StringLiterals;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.value.Numbers;
import dev.jalloy.syntax.value.Operators;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.value.ValueError;
import dev.jalloy.syntax.value.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates expressions of one source file to values, with Alloy's semantics: every operand is
 * evaluated (no short-circuit), missing object keys read through {@code [..]} are null, and errors
 * become diagnostics that point at the sub-expression responsible, worded as Alloy words them
 * ({@code "x" should be number, got string}).
 */
public final class Evaluator {
  private final SourceFile source;

  public Evaluator(SourceFile source) {
    this.source = source;
  }

  public SourceFile source() {
    return source;
  }

  /** Evaluates {@code expr} in {@code scope}. */
  public Value evaluate(Expr expr, Scope scope) throws EvaluationException {
    try {
      return eval(expr, scope);
    } catch (ValueError e) {
      throw new EvaluationException(describe(e, expr));
    } catch (Located e) {
      throw new EvaluationException(e.diagnostic);
    }
  }

  /**
   * A diagnostic for a value error raised while using the value of {@code expr} (e.g. decoding it
   * into an argument): it points at the sub-expression the error's path leads to.
   */
  public Diagnostic describe(ValueError error, Expr expr) {
    return locate(expr, error.path(), error);
  }

  private Value eval(Expr expr, Scope scope) {
    return switch (expr) {
      case LiteralExpr lit -> literal(lit);
      case ParenExpr paren -> eval(paren.inner(), scope);
      case IdentifierExpr id -> {
        Optional<Value> v = scope.lookup(id.ident().name());
        if (v.isEmpty()) {
          throw new Located(error(expr, "identifier \"" + id.ident().name() + "\" does not exist"));
        }
        yield v.get();
      }
      case ArrayExpr array -> {
        List<Expr> elements = array.elements();
        if (elements.isEmpty()) {
          yield Value.EMPTY_ARRAY;
        }
        List<Value> values = new ArrayList<>(elements.size());
        for (Expr e : elements) {
          values.add(eval(e, scope));
        }
        yield Value.array(values);
      }
      case ObjectExpr object -> {
        if (object.fields().isEmpty()) {
          yield Value.EMPTY_OBJECT;
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        for (ObjectField f : object.fields()) {
          fields.put(f.name().name(), eval(f.value(), scope));
        }
        yield Value.object(fields);
      }
      case BinaryExpr binary -> {
        Value left = eval(binary.left(), scope);
        Value right = eval(binary.right(), scope); // no short-circuit, as in Alloy
        try {
          yield Operators.binary(binary.kind(), left, right);
        } catch (ValueError e) {
          // Point at the operand whose value is at fault, or at the whole expression when the
          // combination is (e.g. divide by zero).
          Expr culprit =
              e.value() == left ? binary.left() : e.value() == right ? binary.right() : binary;
          throw new Located(locate(culprit, e.path(), e));
        }
      }
      case UnaryExpr unary -> {
        Value operand = eval(unary.value(), scope);
        try {
          yield Operators.unary(unary.kind(), operand);
        } catch (ValueError e) {
          throw new Located(locate(unary.value(), e.path(), e));
        }
      }
      case AccessExpr access -> access(access, eval(access.value(), scope));
      case IndexExpr index -> index(index, eval(index.value(), scope), eval(index.index(), scope));
      case CallExpr call -> call(call, scope);
    };
  }

  private Value literal(LiteralExpr lit) {
    return switch (lit.kind()) {
      case NULL -> Value.NULL;
      case BOOL -> Value.bool(lit.value().equals("true"));
      case NUMBER -> Numbers.parseLiteral(lit.value(), false);
      case FLOAT -> Numbers.parseLiteral(lit.value(), true);
      case STRING -> {
        try {
          yield Value.string(StringLiterals.unquote(lit.value()));
        } catch (IllegalArgumentException e) {
          throw new Located(error(lit, e.getMessage()));
        }
      }
      default -> throw new IllegalStateException("not a literal: " + lit.kind());
    };
  }

  private Value access(AccessExpr access, Value target) {
    String name = access.name().name();
    Optional<Map<String, Value>> fields = asObject(target);
    if (fields.isEmpty()) {
      String message =
          target.type() == ValueType.CAPSULE
              ? "expected object or array or a capsule convertible to an object, got "
                  + target.describe()
              : "cannot access field \"" + name + "\" on value of type " + target.describe();
      throw new Located(error(access.value(), text(access.value()) + " " + message));
    }
    Value v = fields.get().get(name);
    if (v == null) {
      int start = access.name().start();
      throw new Located(
          Diagnostic.error(
              source.position(start),
              source.position(access.end() - 1),
              "field \"" + name + "\" does not exist"));
    }
    return v;
  }

  private Value index(IndexExpr expr, Value target, Value index) {
    if (target instanceof Value.Array array) {
      if (!(index instanceof Value.Number n)) {
        throw new Located(
            locate(expr.index(), List.of(), ValueError.typeError(index, ValueType.NUMBER)));
      }
      long i = n.int64();
      if (i < 0 || i >= array.size()) {
        throw new Located(
            error(
                expr.index(),
                text(expr.index())
                    + " index "
                    + i
                    + " is out of range of array with length "
                    + array.size()));
      }
      return array.get((int) i);
    }
    Optional<Map<String, Value>> fields = asObject(target);
    if (fields.isPresent()) {
      if (!(index instanceof Value.Str key)) {
        throw new Located(
            locate(expr.index(), List.of(), ValueError.typeError(index, ValueType.STRING)));
      }
      Value v = fields.get().get(key.text());
      return v == null ? Value.NULL : v; // a missing key read with [] is null, not an error
    }
    String message =
        target.type() == ValueType.CAPSULE
            ? "expected object or array or a capsule convertible to an object, got "
                + target.describe()
            : "expected object or array, got " + target.describe();
    throw new Located(error(expr.value(), text(expr.value()) + " " + message));
  }

  private Value call(CallExpr call, Scope scope) {
    Value callee = eval(call.value(), scope);
    List<Value> args = new ArrayList<>(call.args().size());
    for (Expr a : call.args()) {
      args.add(eval(a, scope));
    }
    if (!(callee instanceof Value.Func function)) {
      throw new Located(
          locate(call.value(), List.of(), ValueError.typeError(callee, ValueType.FUNCTION)));
    }
    try {
      return function.call(args);
    } catch (ValueError e) {
      List<ValueError.Step> path = e.path();
      if (!path.isEmpty()
          && path.getFirst() instanceof ValueError.Argument(int i)
          && i < call.args().size()) {
        throw new Located(locate(call.args().get(i), path.subList(1, path.size()), e));
      }
      throw new Located(error(call, text(call) + " " + e.getMessage()));
    }
  }

  /** Objects, and capsules that read as objects (such as discovery targets). */
  private static Optional<Map<String, Value>> asObject(Value v) {
    if (v instanceof Value.Obj o) {
      return Optional.of(o.fields());
    }
    if (v instanceof Value.Capsule c && c.payload() instanceof ObjectConvertible convertible) {
      return Optional.of(convertible.toObject().fields());
    }
    return Optional.empty();
  }

  /**
   * Follows {@code path} down through literal arrays, objects and call arguments written in the
   * file, so the diagnostic underlines the element at fault; what cannot be followed is spelled out
   * after the expression text ({@code targets[2].__address__}).
   */
  private Diagnostic locate(Expr expr, List<ValueError.Step> path, ValueError error) {
    Expr node = expr;
    int i = 0;
    for (; i < path.size(); i++) {
      while (node instanceof ParenExpr p) {
        node = p.inner();
      }
      ValueError.Step step = path.get(i);
      Expr next = null;
      if (step instanceof ValueError.Element(int index)
          && node instanceof ArrayExpr array
          && index < array.elements().size()) {
        next = array.elements().get(index);
      } else if (step instanceof ValueError.Field(String name) && node instanceof ObjectExpr obj) {
        for (ObjectField f : obj.fields()) {
          if (f.name().name().equals(name)) {
            next = f.value();
          }
        }
      } else if (step instanceof ValueError.Argument(int index)
          && node instanceof CallExpr c
          && index < c.args().size()) {
        next = c.args().get(index);
      }
      if (next == null) {
        break;
      }
      node = next;
    }
    StringBuilder where = new StringBuilder(text(node));
    for (; i < path.size(); i++) {
      switch (path.get(i)) {
        case ValueError.Element(int index) -> where.append('[').append(index).append(']');
        case ValueError.Field(String name) -> where.append('.').append(name);
        case ValueError.Argument(int index) -> where.append(" argument ").append(index + 1);
      }
    }
    String message =
        error.expected().isPresent()
            ? "should be "
                + error.expected().get().alloyName()
                + ", got "
                + error.value().describe()
            : error.getMessage();
    return error(node, where + " " + message);
  }

  private Diagnostic error(Node node, String message) {
    return Diagnostic.error(
        source.position(node.start()),
        source.position(Math.max(node.start(), node.end() - 1)),
        message);
  }

  /** The expression as written, on one line. */
  private String text(Node node) {
    String written = source.text(node.start(), node.end());
    return written.indexOf('\n') < 0 ? written : written.replaceAll("\\s*\\n\\s*", " ");
  }

  /** Unchecked carrier for a ready diagnostic through the recursive walk. */
  private static final class Located extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    Located(Diagnostic diagnostic) {
      super(diagnostic.message(), null, false, false);
      this.diagnostic = diagnostic;
    }
  }
}
