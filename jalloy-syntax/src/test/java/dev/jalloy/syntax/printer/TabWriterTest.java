package dev.jalloy.syntax.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tabwriter and trimmer together, on the control bytes the printer emits. Expected outputs
 * follow Go's {@code text/tabwriter} with minwidth 0, tabwidth 8, padding 1, padchar ' ' and {@code
 * DiscardEmptyColumns | TabIndent}. In the inputs, {@code |} stands for the escape byte.
 */
class TabWriterTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "cells are padded to the widest plus one",
            "a\tb\tc\naa\tbb\tcc\n",
            "a  b  c\naa bb cc\n"),
        Arguments.of(
            "vertical tabs align like tabs", "a\u000b= 1\nbbb\u000b= 2\n", "a   = 1\nbbb = 2\n"),
        Arguments.of(
            "the last cell of a line is in no column",
            "a\tlong text\nbb\tc\n",
            "a  long text\nbb c\n"),
        Arguments.of(
            "a column ends at a line without that cell",
            "a\tb\tc\nxx\ty\nzzz\tw\tv\n",
            "a   b c\nxx  y\nzzz w v\n"),
        Arguments.of("a form feed ends the alignment section", "a\tb\fccc\td\n", "a b\nccc d\n"),
        Arguments.of(
            "a line with one cell ends the section",
            "a\tb\nplain\nccc\td\n",
            "a b\nplain\nccc d\n"),
        Arguments.of("leading empty cells are indentation tabs", "\tx\n\t\ty\n", "\tx\n\t\ty\n"),
        Arguments.of(
            "indentation next to text in one column is one tab", "abc\tx\n\ty\n", "abc x\n\ty\n"),
        Arguments.of("an empty soft column is discarded", "\u000bx\n\u000by\n", "x\ny\n"),
        Arguments.of(
            "escaped text is one unit and keeps its tabs",
            "|a\tb|\tc\nxxxxx\td\n",
            "a\tb   c\nxxxxx d\n"),
        Arguments.of(
            "escaped newlines do not end the line", "|a\nb|\tc\nx\td\n", "a\nb c\nx   d\n"),
        Arguments.of("width counts runes, not bytes", "é\tx\nab\ty\n", "é  x\nab y\n"),
        Arguments.of("trailing blanks are trimmed", "a \t\nb  \n", "a\nb\n"),
        Arguments.of("escaped trailing blanks are kept", "a|  |\n", "a  \n"),
        Arguments.of("form feeds become newlines", "a\f\fb", "a\n\nb"),
        Arguments.of("whitespace at the very end is dropped", "a\n\t ", "a\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void alignsAndTrims(String rule, String input, String expected) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '|') {
        bytes[i] = TabWriter.ESCAPE;
      }
    }
    ByteBuf out = new ByteBuf(64);
    TabWriter tabWriter = new TabWriter(new Trimmer(out));

    tabWriter.write(bytes, 0, bytes.length);
    tabWriter.flush();

    assertThat(out.toUtf8()).isEqualTo(expected);
  }
}
