package dev.jalloy.syntax.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GoStringsTest {

  static Stream<Arguments> splits() {
    return Stream.of(
        Arguments.of("a,b,c", ",", List.of("a", "b", "c")),
        Arguments.of("a,b,", ",", List.of("a", "b", "")),
        Arguments.of("", ",", List.of("")),
        Arguments.of("abc", "", List.of("a", "b", "c")),
        Arguments.of("", "", List.of()),
        Arguments.of("a\u263ab", "", List.of("a", "\u263a", "b")),
        Arguments.of("x\ud83d\ude00", "", List.of("x", "\ud83d\ude00")),
        Arguments.of("a--b--c", "--", List.of("a", "b", "c")),
        Arguments.of("abc", "x", List.of("abc")));
  }

  @ParameterizedTest(name = "Split({0}, {1}) = {2}")
  @MethodSource("splits")
  void split(String s, String sep, List<String> expected) {
    assertThat(GoStrings.split(s, sep)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Trim({0}, {1}) = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "xxaxbxx|x|axb",
        "  abc  |' '|abc",
        "abc|''|abc",
        "abba|ab|''",
        "[x]|[]|x",
      })
  void trim(String s, String cutset, String expected) {
    assertThat(GoStrings.trim(s, cutset)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "TrimSpace of {0}")
  @MethodSource("spaces")
  void trimSpace(String s, String expected) {
    assertThat(GoStrings.trimSpace(s)).isEqualTo(expected);
  }

  static Stream<Arguments> spaces() {
    return Stream.of(
        Arguments.of(" \t\n a b \r\u000b\f", "a b"),
        Arguments.of("\u00a0x\u0085", "x"),
        Arguments.of("\u3000x\u2028", "x"),
        Arguments.of("\u200bx", "\u200bx"), // zero-width space is not a space to Go
        Arguments.of("", ""));
  }

  @ParameterizedTest(name = "ReplaceAll({0}, {1}, {2}) = {3}")
  @CsvSource(
      delimiter = '|',
      value = {"hello|l|L|heLLo", "ab|''|-|-a-b-", "''|''|x|x", "aaa|a|''|''"})
  void replaceAll(String s, String old, String replacement, String expected) {
    assertThat(GoStrings.replaceAll(s, old, replacement)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "case mapping of {0}")
  @CsvSource({
    "Hello, hello, HELLO",
    "\u00df, \u00df, \u00df",
    "\u0130, i, \u0130",
    "\u00c9t\u00e9, \u00e9t\u00e9, \u00c9T\u00c9",
  })
  void caseMappingIsPerRune(String s, String lower, String upper) {
    assertThat(GoStrings.toLower(s)).isEqualTo(lower);
    assertThat(GoStrings.toUpper(s)).isEqualTo(upper);
  }

  @ParameterizedTest(name = "QueryEscape({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "string123!?$*&()'-=@~|string123%21%3F%24%2A%26%28%29%27-%3D%40~",
        "a b|a+b",
        "\u00e9|%C3%A9",
        "a/b:c;d,e+f|a%2Fb%3Ac%3Bd%2Ce%2Bf",
        "''|''",
      })
  void queryEscape(String s, String expected) {
    assertThat(GoStrings.queryEscape(s)).isEqualTo(expected);
    assertThat(GoStrings.queryUnescape(expected)).isEqualTo(s);
  }

  @ParameterizedTest(name = "QueryUnescape({0}) fails: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "%zz|invalid URL escape \"%zz\"",
        "a%4|invalid URL escape \"%4\"",
        "%|invalid URL escape \"%\""
      })
  void queryUnescapeErrors(String s, String message) {
    assertThatThrownBy(() -> GoStrings.queryUnescape(s)).hasMessage(message);
  }

  static Stream<Arguments> joins() {
    return Stream.of(
        Arguments.of(List.of("a", "b", "c"), "a/b/c"),
        Arguments.of(List.of("a", "b/c"), "a/b/c"),
        Arguments.of(List.of("a/b", "/c"), "a/b/c"),
        Arguments.of(List.of("a/b", "../../../xyz"), "../xyz"),
        Arguments.of(List.of(), ""),
        Arguments.of(List.of("", ""), ""),
        Arguments.of(List.of("", "a"), "a"),
        Arguments.of(List.of("a", ""), "a"),
        Arguments.of(List.of("/", "a"), "/a"),
        Arguments.of(List.of("/etc", "alloy", "..", "x.alloy"), "/etc/x.alloy"));
  }

  @ParameterizedTest(name = "filepath.Join{0} = {1}")
  @MethodSource("joins")
  void pathJoin(List<String> elems, String expected) {
    assertThat(GoStrings.pathJoin(elems)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Clean({0}) = {1}")
  @CsvSource({
    "abc, abc",
    "'', .",
    "/../, /",
    "a/../.., ..",
    "abc/./../def, def",
    "/abc/def/../.., /",
    "a//b, a/b",
    "./a/, a",
  })
  void clean(String path, String expected) {
    assertThat(GoStrings.cleanPath(path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "base64 {0} (url={1}) = {2}")
  @CsvSource({
    "dGFuZ2VyaW5l, false, tangerine",
    "c3RyaW5nMTIzIT8kKiYoKSctPUB-, true, string123!?$*&()'-=@~",
    "c3RyaW5nMTIzIT8kKiYoKSctPUB+, false, string123!?$*&()'-=@~",
    "YQ==, false, a",
    "YWI=, false, ab",
    "'', false, ''",
  })
  void base64Decodes(String in, boolean url, String expected) {
    assertThat(new String(GoStrings.base64Decode(in, url), StandardCharsets.UTF_8))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "base64 {0} fails at byte {1}")
  @CsvSource({
    "YQ, 0",
    "Y, 0",
    "YQ=, 3",
    "YQ==x, 4",
    "Y!==, 1",
    "=, 0",
    "c3RyaW5nMTIzIT8kKiYoKSctPUB-, 27"
  })
  void base64Errors(String in, int offset) {
    assertThatThrownBy(() -> GoStrings.base64Decode(in, false))
        .hasMessage("illegal base64 data at input byte " + offset);
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({"a, b", "a, ab", "Z, a", "\uffff, \ud83d\ude00"})
  void compareIsUtf8ByteOrder(String lower, String higher) {
    assertThat(GoStrings.compare(lower, higher)).isNegative();
    assertThat(GoStrings.compare(higher, lower)).isPositive();
    assertThat(GoStrings.compare(lower, lower)).isZero();
  }
}
