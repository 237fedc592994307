package dev.jalloy.syntax.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.jalloy.syntax.parser.ExpressionResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden evaluator cases from {@code vm/expressions.txt}: each line an expression and the value it
 * must produce (written as Alloy text) or the error message it must give.
 */
class EvaluatorGoldenTest {
  static final Scope SCOPE = testScope();

  static Scope testScope() {
    Map<String, String> env = Map.of("HOME", "/root", "FOO", "");
    Stdlib stdlib = new Stdlib(name -> Optional.ofNullable(env.get(name)), "testhost", "1.2.3");
    return Scope.root(stdlib.identifiers())
        .child(
            Map.of(
                "n", Value.number(10L),
                "s", Value.string("str"),
                "arr", Value.array(Value.number(1L), Value.number(2L), Value.number(3L)),
                "obj", Value.object(Map.of("a", Value.number(1L), "b-c", Value.number(2L))),
                "secret_val", Value.secret("hunter2")));
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = EvaluatorGoldenTest.class.getResourceAsStream("/vm/expressions.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int arrow = line.lastIndexOf(" => ");
        cases.add(Arguments.of(line.substring(0, arrow), line.substring(arrow + 4)));
      }
    }
    assertThat(cases).hasSizeGreaterThan(100);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}  =>  {1}")
  @MethodSource("cases")
  void evaluates(String expression, String expected) {
    ExpressionResult parsed = Parser.parseExpression(SourceFile.of("expr", expression));
    assertThat(parsed.diagnostics().asList()).as("parse errors").isEmpty();
    Evaluator evaluator = new Evaluator(SourceFile.of("expr", expression));
    try {
      Value value = evaluator.evaluate(parsed.expression(), SCOPE);
      if (expected.startsWith("error: ")) {
        fail("expected an error, got " + value);
      }
      assertThat(value.toString()).isEqualTo(expected);
    } catch (EvaluationException e) {
      if (!expected.startsWith("error: ")) {
        fail("unexpected error: " + e.diagnostic().message());
      }
      assertThat(e.diagnostic().message()).isEqualTo(expected.substring("error: ".length()));
    }
  }
}
