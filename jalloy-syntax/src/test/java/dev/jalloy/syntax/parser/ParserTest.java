package dev.jalloy.syntax.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.ast.AccessExpr;
import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BinaryExpr;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.CallExpr;
import dev.jalloy.syntax.ast.Expr;
import dev.jalloy.syntax.ast.IdentifierExpr;
import dev.jalloy.syntax.ast.IndexExpr;
import dev.jalloy.syntax.ast.LiteralExpr;
import dev.jalloy.syntax.ast.ObjectExpr;
import dev.jalloy.syntax.ast.UnaryExpr;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.DiagnosticPrinter;
import dev.jalloy.syntax.testing.UpstreamTestData;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.token.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParserTest {

  private static ParseResult parse(String text) {
    return Parser.parse(SourceFile.of("test.alloy", text));
  }

  private static Expr expr(String text) {
    ExpressionResult r = Parser.parseExpression(SourceFile.of("expr", text));
    assertThat(r.diagnostics().asList()).isEmpty();
    return r.expression();
  }

  /** A compact rendering of an expression tree with explicit grouping. */
  private static String shape(Expr e) {
    return switch (e) {
      case LiteralExpr l -> l.value();
      case IdentifierExpr i -> i.ident().name();
      case BinaryExpr b -> "(" + shape(b.left()) + " " + b.kind() + " " + shape(b.right()) + ")";
      case UnaryExpr u -> "(" + u.kind() + shape(u.value()) + ")";
      case AccessExpr a -> shape(a.value()) + "." + a.name().name();
      case IndexExpr x -> shape(x.value()) + "[" + shape(x.index()) + "]";
      case CallExpr c ->
          shape(c.value())
              + "("
              + String.join(", ", c.args().stream().map(ParserTest::shape).toList())
              + ")";
      default -> e.getClass().getSimpleName();
    };
  }

  static Stream<Arguments> precedence() {
    return Stream.of(
        Arguments.of("1 + 2 * 3", "(1 + (2 * 3))"),
        Arguments.of("1 - 2 - 3", "((1 - 2) - 3)"),
        Arguments.of("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
        Arguments.of("-2 ^ 2", "((-2) ^ 2)"),
        Arguments.of("!a || b && c", "((!a) || (b && c))"),
        Arguments.of("a == b != c", "((a == b) != c)"),
        Arguments.of("1 < 2 == true", "((1 < 2) == true)"),
        Arguments.of("a.b[0](1, 2).c", "a.b[0](1, 2).c"),
        Arguments.of("1 * 3 + 5 ^ 3 - 2 % 1", "(((1 * 3) + (5 ^ 3)) - (2 % 1))"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precedence")
  void operatorsBindAsAlloysDo(String source, String expected) {
    assertThat(shape(expr(source))).isEqualTo(expected);
  }

  @Test
  void blocksAndAttributesWithPositions() {
    ParseResult r =
        parse(
            """
            prometheus.scrape "default" {
              targets = [{"__address__" = "x"}]
              nested { a = 1 }
            }
            """);
    assertThat(r.diagnostics().asList()).isEmpty();
    BlockStmt block = (BlockStmt) r.file().body().getFirst();
    assertThat(block.name()).containsExactly("prometheus", "scrape");
    assertThat(block.label()).isEqualTo("default");
    assertThat(block.id()).isEqualTo("prometheus.scrape.default");
    assertThat(block.body()).hasSize(2);
    AttributeStmt targets = (AttributeStmt) block.body().getFirst();
    assertThat(targets.name().name()).isEqualTo("targets");
    assertThat(r.file().source().position(targets.start()).toString()).isEqualTo("test.alloy:2:3");
    var object =
        (ObjectExpr) ((dev.jalloy.syntax.ast.ArrayExpr) targets.value()).elements().getFirst();
    assertThat(object.fields().getFirst().quoted()).isTrue();
    assertThat(object.fields().getFirst().name().name()).isEqualTo("__address__");
  }

  @Test
  void quotedObjectKeysAreTakenVerbatim() {
    ObjectExpr o = (ObjectExpr) expr("{ \"a\\tb\" = 1 }");
    assertThat(o.fields().getFirst().name().name()).isEqualTo("a\\tb");
  }

  @Test
  void commentsAreCollectedInGroups() {
    ParseResult r = parse("// one\n// two\n\n// three\na = 1 // four\n");
    assertThat(r.file().comments()).hasSize(3);
    assertThat(r.file().comments().getFirst().comments()).hasSize(2);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(
            "missing comma in array",
            "a = [\n1\n]",
            "test.alloy:2:2",
            "missing ',' in expression list"),
        Arguments.of(
            "single quotes",
            "a = 'x'",
            "test.alloy:1:5",
            "illegal single-quoted string; use double quotes"),
        Arguments.of(
            "hash comment", "# hi\na = 1", "test.alloy:1:1", "illegal character U+0023 '#'"),
        Arguments.of(
            "label not an identifier",
            "a \"my-label\" {}",
            "test.alloy:1:3",
            "expected block label to be a valid identifier, but got \"my-label\""),
        Arguments.of(
            "dotted attribute",
            "a.b = 1",
            "test.alloy:1:1",
            "attribute names may only consist of a single identifier with no \".\""),
        Arguments.of(
            "statement without body", "a b", "test.alloy:1:3", "expected block label, got IDENT"),
        Arguments.of(
            "unterminated block", "a {\n b = 1\n", "test.alloy:3:1", "expected }, got EOF"),
        Arguments.of("missing value", "a = ", "test.alloy:1:5", "expected expression, got EOF"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void reportsErrorWithPosition(String name, String source, String position, String message) {
    List<Diagnostic> diags = parse(source).diagnostics().asList();
    assertThat(diags).isNotEmpty();
    assertThat(diags.getFirst().start().toString()).isEqualTo(position);
    assertThat(diags.getFirst().message()).isEqualTo(message);
  }

  @Test
  void reportsEveryErrorOfAFileNotOnlyTheFirst() {
    String source =
        """
        a = 'x'
        b = [1 2]
        c {
          d = 1 +
        }
        e = "ok"
        """;
    List<String> lines =
        parse(source).diagnostics().asList().stream().map(d -> d.start().toString()).toList();
    assertThat(lines).containsExactly("test.alloy:1:5", "test.alloy:2:8", "test.alloy:5:1");
  }

  @Test
  void printsSourceLineAndCaret() {
    SourceFile file = SourceFile.of("main.alloy", "logging {\n\tlevel = 'debug'\n}\n");
    String printed = DiagnosticPrinter.forFile(file).print(Parser.parse(file).diagnostics());
    assertThat(printed)
        .isEqualTo(
            """
            Error: main.alloy:2:10: illegal single-quoted string; use double quotes

            1 | logging {
            2 |     level = 'debug'
              |             ^
            3 | }
            """);
  }

  @Test
  void deepNestingIsADiagnosticNotAStackOverflow() {
    int depth = 10_000;
    String source = "a = " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    List<Diagnostic> diags = parse(source).diagnostics().asList();
    assertThat(diags)
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.startsWith("nesting too deep"));
  }

  @Test
  void deepButReasonableNestingParses() {
    int depth = Parser.MAX_NESTING - 10;
    String source = "a = " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    assertThat(parse(source).diagnostics().asList()).isEmpty();
  }

  @Test
  void longBinaryChainIsBoundedToo() {
    String source = "a = 1" + " + 1".repeat(20_000) + "\n";
    assertThat(parse(source).diagnostics().asList())
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.startsWith("nesting too deep"));
  }

  @Test
  void tenMegabyteLineParses() {
    StringBuilder sb = new StringBuilder("a = \"");
    sb.repeat('x', 10 * 1024 * 1024);
    sb.append("\"\n");
    ParseResult r = parse(sb.toString());
    assertThat(r.diagnostics().asList()).isEmpty();
    assertThat(((LiteralExpr) ((AttributeStmt) r.file().body().getFirst()).value()).kind())
        .isEqualTo(Token.STRING);
  }

  @Test
  void tenMegabyteGarbageLineGivesFewErrors() {
    byte[] garbage = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(garbage, (byte) '#');
    List<Diagnostic> diags =
        Parser.parse(new SourceFile("g.alloy", garbage)).diagnostics().asList();
    assertThat(diags).isNotEmpty();
    String printed =
        DiagnosticPrinter.forFile(new SourceFile("g.alloy", garbage)).print(diags.getFirst());
    assertThat(printed.length()).isLessThan(2_000);
  }

  static Stream<Path> userConfigs() {
    return UpstreamTestData.userConfigs().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userConfigs")
  void everyUserConfigParses(Path path) throws IOException {
    ParseResult r = Parser.parse(new SourceFile(path.toString(), Files.readAllBytes(path)));
    assertThat(r.diagnostics().asList()).isEmpty();
    assertThat(r.file().body()).isNotEmpty();
  }

  @Test
  void invalidUtf8IsReportedWithPosition() {
    byte[] bytes = "a = \"x\"\nb = \"".getBytes(StandardCharsets.UTF_8);
    byte[] withBad = java.util.Arrays.copyOf(bytes, bytes.length + 2);
    withBad[bytes.length] = (byte) 0xfe;
    withBad[bytes.length + 1] = '"';
    List<Diagnostic> diags =
        Parser.parse(new SourceFile("u.alloy", withBad)).diagnostics().asList();
    assertThat(diags.getFirst().toString()).isEqualTo("u.alloy:2:6: illegal UTF-8 encoding");
  }
}
