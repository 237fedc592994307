package dev.jalloy.syntax.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringLiteralsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "\"plain\"|plain",
        "\"tab\\there\"|tab\there",
        "\"quote \\\" backslash \\\\\"|quote \" backslash \\",
        "\"\\x41\\102\\u0043\\U00000044\"|ABCD",
        "\"\\u00e9\"|é",
        "\"\\xc3\\xa9\"|é",
        "`raw \\n stays`|raw \\n stays",
      })
  void decodes(String literal, String expected) {
    assertThat(StringLiterals.unquote(literal)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void rawStringsDropCarriageReturns() {
    assertThat(StringLiterals.unquote("`a\r\nb`")).isEqualTo("a\nb");
  }

  @org.junit.jupiter.api.Test
  void controlEscapes() {
    assertThat(StringLiterals.unquote("\"\\a\\b\\f\\n\\r\\t\\v\""))
        .isEqualTo("\u0007\b\f\n\r\t\u000b");
  }

  @org.junit.jupiter.api.Test
  void rejectsUnknownEscape() {
    assertThatThrownBy(() -> StringLiterals.unquote("\"\\q\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown escape sequence");
  }
}
