package dev.jalloy.bench;

import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.File;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.vm.EvaluationException;
import dev.jalloy.syntax.vm.Evaluator;
import dev.jalloy.syntax.vm.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scope a load would give the benchmark corpus: the standard library, plus for each labelled
 * block an exports object shaped like the real components' (targets, output, receiver, rules,
 * content), nested by the id's fragments as Alloy's scope nests them.
 */
final class CorpusScope {
  private CorpusScope() {}

  static Scope of(File file) {
    Value target =
        Value.object(
            Map.of("__address__", Value.string("127.0.0.1:9100"), "job", Value.string("x")));
    Value exports =
        Value.object(
            Map.of(
                "targets", Value.array(target),
                "output", Value.array(target),
                "receiver", Value.capsule("receiver", new Object()),
                "rules", Value.capsule("rules", new Object()),
                "content", Value.string("")));
    Map<String, Object> tree = new LinkedHashMap<>();
    for (Stmt stmt : file.body()) {
      if (stmt instanceof BlockStmt block && !block.label().isEmpty()) {
        Map<String, Object> node = tree;
        for (String fragment : block.name()) {
          node = child(node, fragment);
        }
        node.put(block.label(), exports);
      }
    }
    Map<String, Value> variables = new LinkedHashMap<>();
    tree.forEach((name, value) -> variables.put(name, toValue(value)));
    return Scope.root(Stdlib.forThisHost("v0.1.0").identifiers()).child(variables);
  }

  /** Evaluates every attribute of every block; returns how many were evaluated. */
  static int evaluateAll(File file, Evaluator evaluator, Scope scope) throws EvaluationException {
    return evaluate(file.body(), evaluator, scope);
  }

  private static int evaluate(List<Stmt> body, Evaluator evaluator, Scope scope)
      throws EvaluationException {
    int count = 0;
    for (Stmt stmt : body) {
      switch (stmt) {
        case AttributeStmt a -> {
          evaluator.evaluate(a.value(), scope);
          count++;
        }
        case BlockStmt b -> count += evaluate(b.body(), evaluator, scope);
      }
    }
    return count;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> node, String name) {
    return (Map<String, Object>)
        node.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
  }

  @SuppressWarnings("unchecked")
  private static Value toValue(Object node) {
    if (node instanceof Value v) {
      return v;
    }
    Map<String, Value> fields = new LinkedHashMap<>();
    ((Map<String, Object>) node).forEach((k, v) -> fields.put(k, toValue(v)));
    return Value.object(fields);
  }
}
