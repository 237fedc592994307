package dev.jalloy.syntax.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Behaviours that are easier to state as a sentence than as a golden file. */
class FormatterTest {
  @Test
  void emptyFileBecomesOneNewline() {
    assertThat(format("")).isEqualTo("\n");
    assertThat(format("\n\n  \n")).isEqualTo("\n");
  }

  @Test
  void outputEndsWithExactlyOneNewline() {
    assertThat(format("a = 1")).isEqualTo("a = 1\n");
    assertThat(format("a = 1\n\n\n")).isEqualTo("a = 1\n");
  }

  /**
   * Alloy joins a binary expression written across lines onto one line, but the statement still
   * counts as multi-line on that first run and ends the alignment run; only a second run aligns it.
   * jalloy's fmt is idempotent: it gives the settled layout at once.
   */
  @Test
  void multiLineBinaryExpressionIsJoinedAndAlignedInOneRun() {
    String once = format("a = 1 +\n  2\nbbb = 3\n");
    assertThat(once).isEqualTo("a   = 1 + 2\nbbb = 3\n");
    assertThat(format(once)).isEqualTo(once);
  }

  /**
   * Alloy takes a quoted key verbatim between its quotes and prints it with Go's %q, which escapes
   * the backslashes again on every run. jalloy keeps the key as written.
   */
  @Test
  void quotedKeysWithEscapesAreKeptAsWritten() {
    String source = "x = {\"a\\\"b\" = 1, \"tab\\there\" = 2}\n";
    assertThat(format(source)).isEqualTo(source);
  }

  /**
   * Alloy hands literal text to the tabwriter uninterpreted-as-text, so a tab inside a string
   * becomes alignment padding and blanks before a line break inside a raw string are trimmed: the
   * value changes. jalloy keeps those bytes; everything else about the line is laid out as Alloy
   * does.
   */
  @Test
  void tabsAndTrailingBlanksInsideStringsAreKept() {
    String source = "a = \"x\ty\" // c\nbbb = `p  \n\tq` // d\n";
    assertThat(format(source)).isEqualTo("a   = \"x\ty\" // c\nbbb = `p  \n\tq` // d\n");
  }

  /**
   * In a call, upstream queues the line break before the indentation, so a comment on its own line
   * before an argument stays at the call's indentation while the argument is indented.
   */
  @Test
  void commentBeforeCallArgumentKeepsTheOuterIndentation() {
    String once = format("x = f(\n  // c\n  1,\n)\n");
    assertThat(once).isEqualTo("x = f(\n// c\n\t1,\n)\n");
    assertThat(format(once)).isEqualTo(once);
  }

  @Test
  void emptyLabelIsDropped() {
    assertThat(format("b \"\" {}\n")).isEqualTo("b { }\n");
  }

  @Test
  void blockCommentBetweenTokensKeepsSpacesOnBothSides() {
    assertThat(format("a = [1, /* two */ 2]\n")).isEqualTo("a = [1, /* two */ 2]\n");
    assertThat(format("a = f(/* none */)\n")).isEqualTo("a = f( /* none */ )\n");
  }

  private static String format(String source) {
    return GoldenFilesTest.format("test", source.getBytes(StandardCharsets.UTF_8));
  }
}
