package dev.jalloy.syntax.go;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from Go's strconv/quote_test.go. */
class GoQuoteTest {

  static Stream<Arguments> quoteCases() {
    return Stream.of(
        Arguments.of("hello", "\"hello\""),
        Arguments.of("\u0007\b\f\r\n\t\u000b", "\"\\a\\b\\f\\r\\n\\t\\v\""),
        Arguments.of("\\", "\"\\\\\""),
        Arguments.of("\"", "\"\\\"\""),
        Arguments.of("\u263a", "\"\u263a\""),
        Arguments.of("\u0004", "\"\\x04\""),
        Arguments.of("\u007f", "\"\\x7f\""),
        Arguments.of("!\u00a0!\u2000!\u3000!", "\"!\\u00a0!\\u2000!\\u3000!\""),
        Arguments.of("\ufeff", "\"\\ufeff\""),
        Arguments.of("caf\u00e9", "\"caf\u00e9\""),
        Arguments.of("\u2028", "\"\\u2028\""));
  }

  @ParameterizedTest(name = "Quote({0}) = {1}")
  @MethodSource("quoteCases")
  void quote(String in, String expected) {
    assertThat(GoQuote.quote(in)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "QuoteToASCII({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      value = {"\u263a|\"\\u263a\"", "caf\u00e9|\"caf\\u00e9\"", "abc|\"abc\""})
  void quoteToAscii(String in, String expected) {
    assertThat(GoQuote.quoteToAscii(in)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Quote of U+10FFFF and an emoji")
  @CsvSource({"1114111, \"\\U0010ffff\"", "128512, \"\ud83d\ude00\""})
  void supplementaryRunes(int cp, String expected) {
    assertThat(GoQuote.quote(new String(Character.toChars(cp)))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "QuoteRune({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {"97|'a'", "39|'\\''", "10|'\\n'", "9786|'\u263a'", "65533|'\ufffd'"})
  void quoteRune(int r, String expected) {
    assertThat(GoQuote.quoteRune(r, false)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "CanBackquote({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {"abc|true", "a`b|false", "a\tb|true", "a\u0001b|false", "\ufeff|false"})
  void canBackquote(String s, boolean expected) {
    assertThat(GoQuote.canBackquote(s)).isEqualTo(expected);
  }
}
