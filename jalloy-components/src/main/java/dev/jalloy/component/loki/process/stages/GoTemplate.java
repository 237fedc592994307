package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.stages.GoTemplateLexer.Kind;
import dev.jalloy.component.loki.process.stages.GoTemplateLexer.Token;
import dev.jalloy.syntax.go.GoFloat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Go {@code text/template}, the subset Alloy's template-using stages need: text, actions
 * with pipelines ({@code {{ .x | ToUpper }}}), function calls with arguments and parenthesised
 * sub-pipelines, variables ({@code $x := ...}, {@code $}), {@code if}/{@code else if}/{@code
 * else}/{@code end}, {@code with}, {@code range} over lists and maps, and the builtins {@code and
 * or not eq ne lt le gt ge len index print printf println}. Values print as Go's {@code fmt} would
 * ({@code <no value>} for a missing map key).
 */
final class GoTemplate {
  /** A function callable from the template; arguments already evaluated. */
  @FunctionalInterface
  interface Function {
    Object call(List<Object> args);
  }

  sealed interface Node permits Text, Action, If, With, Range {}

  record Text(String text) implements Node {}

  record Action(Pipeline pipeline) implements Node {}

  record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

  record With(Pipeline value, List<Node> then, List<Node> otherwise) implements Node {}

  record Range(
      Pipeline value, String keyVar, String valueVar, List<Node> body, List<Node> otherwise)
      implements Node {}

  record Pipeline(String declare, List<Command> commands) {}

  record Command(List<Arg> args) {}

  sealed interface Arg permits Field, Dot, Variable, Ident, Literal, Sub {}

  record Field(List<String> path) implements Arg {}

  record Dot() implements Arg {}

  record Variable(String name, List<String> path) implements Arg {}

  record Ident(String name) implements Arg {}

  record Literal(Object value) implements Arg {}

  record Sub(Pipeline pipeline) implements Arg {}

  /** Raised when executing fails (Go's {@code Execute} error). */
  static final class ExecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExecException(String message) {
      super(message);
    }
  }

  private final List<Node> root;
  private final Map<String, Function> functions;

  private GoTemplate(List<Node> root, Map<String, Function> functions) {
    this.root = root;
    this.functions = functions;
  }

  /**
   * Parses a template; identifiers must name a builtin or one of {@code functions}.
   *
   * @throws IllegalArgumentException with a {@code template: ...} message
   */
  static GoTemplate parse(String source, Map<String, Function> functions) {
    try {
      Parser p = new Parser(GoTemplateLexer.lex(source), functions);
      List<Node> nodes = p.list(false);
      if (p.peek().kind() != Kind.EOF) {
        throw GoTemplateLexer.error("unexpected " + p.peek().text(), p.peek().pos());
      }
      return new GoTemplate(nodes, functions);
    } catch (GoTemplateLexer.SyntaxError e) {
      long line =
          source
                  .substring(0, Math.min(e.pos, source.length()))
                  .chars()
                  .filter(c -> c == '\n')
                  .count()
              + 1;
      throw new IllegalArgumentException(
          "template: pipeline_template:" + line + ": " + e.getMessage(), e);
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("template: pipeline_template:1: unexpected EOF", e);
    }
  }

  /** Executes with {@code data} as dot. */
  String execute(Object data) {
    StringBuilder out = new StringBuilder();
    Map<String, Object> vars = new HashMap<>();
    vars.put("$", data);
    new Exec(out, vars).run(root, data);
    return out.toString();
  }

  // ---- parsing ----

  private static final java.util.Set<String> BUILTINS =
      java.util.Set.of(
          "and",
          "or",
          "not",
          "eq",
          "ne",
          "lt",
          "le",
          "gt",
          "ge",
          "len",
          "index",
          "print",
          "printf",
          "println",
          "urlquery",
          "html",
          "js",
          "call",
          "slice");

  private static final class Parser {
    private final List<Token> tokens;
    private final Map<String, Function> functions;
    private int pos;

    Parser(List<Token> tokens, Map<String, Function> functions) {
      this.tokens = tokens;
      this.functions = functions;
    }

    Token peek() {
      return tokens.get(pos);
    }

    Token next() {
      return tokens.get(pos++);
    }

    /** Nodes until EOF, or until {{end}} / {{else}} when nested (not consumed). */
    List<Node> list(boolean nested) {
      List<Node> nodes = new ArrayList<>();
      while (true) {
        Token t = peek();
        if (t.kind() == Kind.EOF) {
          if (nested) {
            throw GoTemplateLexer.error("unexpected EOF", t.pos());
          }
          return nodes;
        }
        if (t.kind() == Kind.TEXT) {
          next();
          nodes.add(new Text(t.text()));
          continue;
        }
        // LEFT
        Token kw = tokens.get(pos + 1);
        if (kw.kind() == Kind.IDENT && (kw.text().equals("end") || kw.text().equals("else"))) {
          if (!nested) {
            throw GoTemplateLexer.error("unexpected {{" + kw.text() + "}}", kw.pos());
          }
          return nodes;
        }
        next();
        if (kw.kind() == Kind.IDENT
            && (kw.text().equals("if") || kw.text().equals("with") || kw.text().equals("range"))) {
          next();
          nodes.add(control(kw.text()));
          continue;
        }
        Pipeline p = pipeline();
        expect(Kind.RIGHT);
        nodes.add(new Action(p));
      }
    }

    private Node control(String keyword) {
      String keyVar = null;
      String valueVar = null;
      if (keyword.equals("range")
          && peek().kind() == Kind.VARIABLE
          && (tokens.get(pos + 1).kind() == Kind.DECLARE
              || tokens.get(pos + 1).text().equals(","))) {
        valueVar = next().text();
        next();
      }
      Pipeline p = pipeline();
      expect(Kind.RIGHT);
      List<Node> then = list(true);
      List<Node> otherwise = List.of();
      // at {{ else ... or {{ end
      next(); // LEFT
      Token kw = next();
      if (kw.text().equals("else")) {
        if (peek().kind() == Kind.IDENT && peek().text().equals("if") && keyword.equals("if")) {
          next();
          // else if: parse as a nested if sharing our {{end}}
          otherwise = List.of(control("if"));
          return new If(p, then, otherwise);
        }
        expect(Kind.RIGHT);
        otherwise = list(true);
        next(); // LEFT
        Token end = next();
        if (!end.text().equals("end")) {
          throw GoTemplateLexer.error("expected end; found " + end.text(), end.pos());
        }
      }
      expect(Kind.RIGHT);
      return switch (keyword) {
        case "if" -> new If(p, then, otherwise);
        case "with" -> new With(p, then, otherwise);
        default -> new Range(p, keyVar, valueVar, then, otherwise);
      };
    }

    Pipeline pipeline() {
      String declare = null;
      if (peek().kind() == Kind.VARIABLE && tokens.get(pos + 1).kind() == Kind.DECLARE) {
        declare = next().text();
        next();
      }
      List<Command> commands = new ArrayList<>();
      while (true) {
        commands.add(command());
        if (peek().kind() == Kind.PIPE) {
          next();
          continue;
        }
        break;
      }
      return new Pipeline(declare, commands);
    }

    private Command command() {
      List<Arg> args = new ArrayList<>();
      while (true) {
        Token t = peek();
        switch (t.kind()) {
          case FIELD -> {
            next();
            args.add(new Field(List.of(t.text().substring(1).split("\\."))));
          }
          case DOT -> {
            next();
            args.add(new Dot());
          }
          case VARIABLE -> {
            next();
            String[] parts = t.text().split("\\.");
            args.add(new Variable(parts[0], List.of(parts).subList(1, parts.length)));
          }
          case STRING -> {
            next();
            args.add(new Literal(t.text()));
          }
          case NUMBER -> {
            next();
            args.add(new Literal(number(t)));
          }
          case IDENT -> {
            next();
            switch (t.text()) {
              case "true" -> args.add(new Literal(Boolean.TRUE));
              case "false" -> args.add(new Literal(Boolean.FALSE));
              case "nil" -> args.add(new Literal(null));
              default -> {
                if (!BUILTINS.contains(t.text()) && !functions.containsKey(t.text())) {
                  throw GoTemplateLexer.error("function \"" + t.text() + "\" not defined", t.pos());
                }
                args.add(new Ident(t.text()));
              }
            }
          }
          case LPAREN -> {
            next();
            Pipeline p = pipeline();
            expect(Kind.RPAREN);
            args.add(new Sub(p));
          }
          default -> {
            if (args.isEmpty()) {
              throw GoTemplateLexer.error("missing value for command", t.pos());
            }
            return new Command(args);
          }
        }
      }
    }

    private static Object number(Token t) {
      String s = t.text();
      try {
        if (s.startsWith("0x") || s.startsWith("0X")) {
          return Long.parseLong(s.substring(2), 16);
        }
        if (s.contains(".") || s.contains("e") || s.contains("E")) {
          return Double.parseDouble(s);
        }
        return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
      } catch (NumberFormatException e) {
        throw GoTemplateLexer.error("bad number syntax: \"" + s + "\"", t.pos());
      }
    }

    private Token expect(Kind kind) {
      Token t = next();
      if (t.kind() != kind) {
        throw GoTemplateLexer.error(
            "unexpected \"" + t.text() + "\" in " + (kind == Kind.RIGHT ? "command" : "operand"),
            t.pos());
      }
      return t;
    }
  }

  // ---- execution ----

  private final class Exec {
    private final StringBuilder out;
    private final Map<String, Object> vars;

    Exec(StringBuilder out, Map<String, Object> vars) {
      this.out = out;
      this.vars = vars;
    }

    void run(List<Node> nodes, Object dot) {
      for (Node n : nodes) {
        switch (n) {
          case Text t -> out.append(t.text());
          case Action a -> {
            Object v = pipeline(a.pipeline(), dot);
            if (a.pipeline().declare() == null) {
              out.append(print(v));
            }
          }
          case If i -> run(truth(pipeline(i.condition(), dot)) ? i.then() : i.otherwise(), dot);
          case With w -> {
            Object v = pipeline(w.value(), dot);
            if (truth(v)) {
              run(w.then(), v);
            } else {
              run(w.otherwise(), dot);
            }
          }
          case Range r -> {
            Object v = pipeline(r.value(), dot);
            List<Object> items = new ArrayList<>();
            if (v instanceof List<?> l) {
              items.addAll(l);
            } else if (v instanceof Map<?, ?> m) {
              new java.util.TreeMap<>(m).values().forEach(items::add);
            } else if (v != null) {
              throw new ExecException("range can't iterate over " + print(v));
            }
            if (items.isEmpty()) {
              run(r.otherwise(), dot);
            }
            for (Object item : items) {
              if (r.valueVar() != null) {
                vars.put(r.valueVar(), item);
              }
              run(r.body(), item);
            }
          }
        }
      }
    }

    Object pipeline(Pipeline p, Object dot) {
      Object value = null;
      boolean piped = false;
      for (Command c : p.commands()) {
        value = command(c, dot, piped, value);
        piped = true;
      }
      if (p.declare() != null) {
        vars.put(p.declare(), value);
      }
      return value;
    }

    private Object command(Command c, Object dot, boolean piped, Object in) {
      Arg first = c.args().getFirst();
      if (first instanceof Ident id) {
        List<Object> args = new ArrayList<>();
        for (Arg a : c.args().subList(1, c.args().size())) {
          args.add(arg(a, dot));
        }
        if (piped) {
          args.add(in);
        }
        return call(id.name(), args);
      }
      if (c.args().size() > 1 || piped) {
        throw new ExecException("can't give argument to non-function " + describe(first));
      }
      return arg(first, dot);
    }

    private Object arg(Arg a, Object dot) {
      return switch (a) {
        case Field f -> path(dot, f.path());
        case Dot d -> dot;
        case Variable v -> {
          if (!vars.containsKey(v.name())) {
            throw new ExecException("undefined variable: " + v.name());
          }
          yield path(vars.get(v.name()), v.path());
        }
        case Literal l -> l.value();
        case Sub s -> pipeline(s.pipeline(), dot);
        case Ident i -> call(i.name(), List.of());
      };
    }

    private Object path(Object base, List<String> path) {
      Object v = base;
      for (String name : path) {
        if (v instanceof Map<?, ?> m) {
          v = m.get(name);
        } else if (v == null) {
          throw new ExecException("nil pointer evaluating ." + name);
        } else {
          throw new ExecException("can't evaluate field " + name + " in type " + typeName(v));
        }
      }
      return v;
    }

    private Object call(String name, List<Object> args) {
      Function f = functions.get(name);
      if (f != null && !BUILTINS.contains(name)) {
        try {
          return f.call(args);
        } catch (IndexOutOfBoundsException e) {
          throw new ExecException("wrong number of args for " + name);
        }
      }
      return switch (name) {
        case "and" -> {
          Object last = null;
          for (Object o : args) {
            last = o;
            if (!truth(o)) {
              yield o;
            }
          }
          yield last;
        }
        case "or" -> {
          Object last = null;
          for (Object o : args) {
            last = o;
            if (truth(o)) {
              yield o;
            }
          }
          yield last;
        }
        case "not" -> !truth(one(name, args));
        case "eq" -> {
          if (args.size() < 2) {
            throw new ExecException("missing argument for comparison");
          }
          for (Object o : args.subList(1, args.size())) {
            if (compare(args.getFirst(), o, true) == 0) {
              yield true;
            }
          }
          yield false;
        }
        case "ne" -> compare(two(name, args)[0], two(name, args)[1], true) != 0;
        case "lt" -> compare(two(name, args)[0], two(name, args)[1], false) < 0;
        case "le" -> compare(two(name, args)[0], two(name, args)[1], false) <= 0;
        case "gt" -> compare(two(name, args)[0], two(name, args)[1], false) > 0;
        case "ge" -> compare(two(name, args)[0], two(name, args)[1], false) >= 0;
        case "len" -> {
          Object o = one(name, args);
          yield (long)
              switch (o) {
                case String s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                case List<?> l -> l.size();
                case Map<?, ?> m -> m.size();
                case null, default -> throw new ExecException("len of type " + typeName(o));
              };
        }
        case "index" -> {
          Object o = args.getFirst();
          for (Object k : args.subList(1, args.size())) {
            if (o instanceof Map<?, ?> m) {
              o = m.get(String.valueOf(k));
            } else if (o instanceof List<?> l && k instanceof Number n) {
              if (n.intValue() < 0 || n.intValue() >= l.size()) {
                throw new ExecException("index out of range: " + n);
              }
              o = l.get(n.intValue());
            } else {
              throw new ExecException("can't index item of type " + typeName(o));
            }
          }
          yield o;
        }
        case "print" -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < args.size(); i++) {
            // Go's fmt.Sprint adds spaces between operands when neither is a string
            if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
              sb.append(' ');
            }
            sb.append(print(args.get(i)));
          }
          yield sb.toString();
        }
        case "println" -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
              sb.append(' ');
            }
            sb.append(print(args.get(i)));
          }
          yield sb.append('\n').toString();
        }
        case "printf" -> TemplateFunctions.sprintf(args);
        case "urlquery" ->
            dev.jalloy.syntax.go.GoStrings.queryEscape(
                String.join("", args.stream().map(GoTemplate::print).toList()));
        default -> throw new ExecException("function \"" + name + "\" not supported");
      };
    }
  }

  private static Object one(String name, List<Object> args) {
    if (args.size() != 1) {
      throw new ExecException("wrong number of args for " + name + ": want 1 got " + args.size());
    }
    return args.getFirst();
  }

  private static Object[] two(String name, List<Object> args) {
    if (args.size() != 2) {
      throw new ExecException("wrong number of args for " + name + ": want 2 got " + args.size());
    }
    return new Object[] {args.get(0), args.get(1)};
  }

  /** Go's basic-kind comparison: same kinds only (integers and floats each among themselves). */
  private static int compare(Object a, Object b, boolean equality) {
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (isInt(a) && isInt(b)) {
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    if ((a instanceof Double || a instanceof Float)
        && (b instanceof Double || b instanceof Float)) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    if (equality && a instanceof Boolean x && b instanceof Boolean y) {
      return x.equals(y) ? 0 : 1;
    }
    if (equality && (a == null || b == null)) {
      return a == b ? 0 : 1;
    }
    throw new ExecException("incompatible types for comparison");
  }

  private static boolean isInt(Object o) {
    return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte;
  }

  /** Go template truthiness: zero values and empty collections are false. */
  static boolean truth(Object v) {
    return switch (v) {
      case null -> false;
      case Boolean b -> b;
      case String s -> !s.isEmpty();
      case Number n -> n.doubleValue() != 0;
      case List<?> l -> !l.isEmpty();
      case Map<?, ?> m -> !m.isEmpty();
      default -> true;
    };
  }

  /** How {@code fmt.Sprint} shows a value. */
  static String print(Object v) {
    return switch (v) {
      case null -> "<no value>";
      case String s -> s;
      case Double d -> formatFloat(d);
      case Float f -> formatFloat(f.doubleValue());
      case List<?> l -> {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
          sb.append(i > 0 ? " " : "").append(l.get(i) == null ? "<nil>" : print(l.get(i)));
        }
        yield sb.append(']').toString();
      }
      case Map<?, ?> m -> {
        StringBuilder sb = new StringBuilder("map[");
        boolean firstEntry = true;
        for (var e : new java.util.TreeMap<>(m).entrySet()) {
          sb.append(firstEntry ? "" : " ")
              .append(e.getKey())
              .append(':')
              .append(print(e.getValue()));
          firstEntry = false;
        }
        yield sb.append(']').toString();
      }
      default -> v.toString();
    };
  }

  /** Go's {@code %v} for a float64: shortest form, exponent below 1e-4 and from 1e21. */
  static String formatFloat(double d) {
    double a = Math.abs(d);
    if (a != 0 && (a < 1e-4 || a >= 1e21)) {
      return GoFloat.format(d, 'e', -1);
    }
    return GoFloat.format(d, 'f', -1);
  }

  private static String typeName(Object v) {
    return switch (v) {
      case null -> "<nil>";
      case String s -> "string";
      case Long l -> "int64";
      case Double d -> "float64";
      case Boolean b -> "bool";
      case List<?> l -> "[]interface {}";
      case Map<?, ?> m -> "map[string]interface {}";
      default -> v.getClass().getSimpleName();
    };
  }

  private static String describe(Arg a) {
    return switch (a) {
      case Field f -> "." + String.join(".", f.path());
      case Dot d -> ".";
      case Variable v -> v.name();
      case Literal l -> String.valueOf(l.value());
      case Sub s -> "(pipeline)";
      case Ident i -> i.name();
    };
  }
}
