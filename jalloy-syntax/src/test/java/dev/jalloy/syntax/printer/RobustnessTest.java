package dev.jalloy.syntax.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.ast.AccessExpr;
import dev.jalloy.syntax.ast.ArrayExpr;
import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BinaryExpr;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.Expr;
import dev.jalloy.syntax.ast.File;
import dev.jalloy.syntax.ast.Ident;
import dev.jalloy.syntax.ast.IdentifierExpr;
import dev.jalloy.syntax.ast.LiteralExpr;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.token.Token;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs at the limits: deep nesting and multi-megabyte lines must not overflow the stack. */
class RobustnessTest {
  private static final int DEPTH = 900;

  // The trees below are built directly: the parser caps nesting (Parser.MAX_NESTING) below what
  // these tests need, and the formatter must not depend on that cap to stay within the stack.

  @Test
  void deeplyNestedArraysOnOneLine() {
    StringBuilder source = new StringBuilder("x = ");
    int[] lbrack = new int[DEPTH];
    for (int i = 0; i < DEPTH; i++) {
      lbrack[i] = source.length();
      source.append('[');
    }
    Expr value = new LiteralExpr(Token.NUMBER, "1", source.length());
    source.append('1');
    for (int i = DEPTH - 1; i >= 0; i--) {
      value = new ArrayExpr(lbrack[i], List.of(value), source.length());
      source.append(']');
    }
    source.append('\n');

    assertThat(Formatter.format(file(source.toString(), value))).isEqualTo(source.toString());
  }

  @Test
  void deeplyNestedArraysOneLevelPerLine() {
    StringBuilder source = new StringBuilder("x = ");
    StringBuilder expected = new StringBuilder("x = ");
    int[] lbrack = new int[DEPTH];
    for (int i = 0; i < DEPTH; i++) {
      lbrack[i] = source.length();
      source.append("[\n");
      expected.append("[\n").append("\t".repeat(i + 1));
    }
    Expr value = new LiteralExpr(Token.NUMBER, "1", source.length());
    source.append("1");
    expected.append("1");
    for (int i = DEPTH - 1; i >= 0; i--) {
      source.append(",\n");
      value = new ArrayExpr(lbrack[i], List.of(value), source.length());
      source.append("]");
      expected.append(",\n").append("\t".repeat(i)).append("]");
    }
    source.append("\n");
    expected.append("\n");

    assertThat(Formatter.format(file(source.toString(), value))).isEqualTo(expected.toString());
  }

  @Test
  void deeplyNestedBlocks() {
    StringBuilder source = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    int[] namePos = new int[DEPTH];
    for (int i = 0; i < DEPTH; i++) {
      namePos[i] = source.length();
      source.append("b").append(i).append(" {\n");
      expected.append("\t".repeat(i)).append("b").append(i).append(" {\n");
    }
    Stmt stmt =
        new AttributeStmt(
            new Ident("a", source.length()),
            new LiteralExpr(Token.NUMBER, "1", source.length() + 4));
    source.append("a = 1\n");
    expected.append("\t".repeat(DEPTH)).append("a = 1\n");
    for (int i = DEPTH - 1; i >= 0; i--) {
      int lcurly = namePos[i] + ("b" + i).length() + 1;
      stmt =
          new BlockStmt(
              List.of("b" + i), namePos[i], "", -1, List.of(stmt), lcurly, source.length());
      source.append("}\n");
      expected.append("\t".repeat(i)).append("}\n");
    }
    File tree = new File(SourceFile.of("robustness", source.toString()), List.of(stmt), List.of());

    assertThat(Formatter.format(tree)).isEqualTo(expected.toString());
  }

  @Test
  void tenMegabyteArrayOnOneLine() {
    StringBuilder source = new StringBuilder(11 << 20).append("x = [");
    for (int i = 0; source.length() < 10 << 20; i++) {
      source.append(i).append(", ");
    }
    source.append("0]\n");

    assertThat(format(source.toString())).isEqualTo(source.toString());
  }

  /**
   * Alloy's parser accepts flat chains of any length; ours stops at {@value
   * dev.jalloy.syntax.parser.Parser#MAX_NESTING} operators, so these trees are built directly. A
   * million-deep left spine overflows any recursive walk.
   */
  @Test
  void millionTermBinaryChainOnOneLine() {
    int terms = 1 << 20;
    String source = "x = 1" + " + 1".repeat(terms) + "\n";
    Expr chain = new LiteralExpr(Token.NUMBER, "1", 4);
    for (int k = 0; k < terms; k++) {
      chain =
          new BinaryExpr(
              chain, Token.ADD, 6 + 4 * k, new LiteralExpr(Token.NUMBER, "1", 8 + 4 * k));
    }

    assertThat(Formatter.format(file(source, chain))).isEqualTo(source);
  }

  @Test
  void millionNameAccessChainOnOneLine() {
    int names = 1 << 20;
    String source = "x = a" + ".b".repeat(names) + "\n";
    Expr chain = new IdentifierExpr(new Ident("a", 4));
    for (int k = 0; k < names; k++) {
      chain = new AccessExpr(chain, new Ident("b", 6 + 2 * k));
    }

    assertThat(Formatter.format(file(source, chain))).isEqualTo(source);
  }

  private static File file(String source, Expr value) {
    SourceFile sourceFile = SourceFile.of("robustness", source);
    return new File(sourceFile, List.of(new AttributeStmt(new Ident("x", 0), value)), List.of());
  }

  @Test
  void tenMegabyteRawStringSpanningManyLines() {
    String line = "some text with trailing blanks  \n\tand a tab\n";
    String source = "x = `" + line.repeat((10 << 20) / line.length()) + "`\n";

    assertThat(format(source)).isEqualTo(source);
  }

  private static String format(String source) {
    return GoldenFilesTest.format("robustness", source.getBytes(StandardCharsets.UTF_8));
  }
}
