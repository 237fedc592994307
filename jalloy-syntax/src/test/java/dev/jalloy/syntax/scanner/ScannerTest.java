package dev.jalloy.syntax.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.token.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScannerTest {

  /** Scans {@code input} into "TOKEN" or "TOKEN(literal)" strings, errors as "error@offset:msg". */
  private static List<String> scan(byte[] input) {
    List<String> out = new ArrayList<>();
    Scanner s = new Scanner(input, (offset, msg) -> out.add("error@" + offset + ":" + msg));
    for (Token t = s.scan(); t != Token.EOF; t = s.scan()) {
      boolean literal = !s.literal().isEmpty() && t != Token.TERMINATOR;
      out.add(literal ? t.name() + "(" + s.literal() + ")" : t.name());
    }
    return out;
  }

  private static List<String> scan(String input) {
    return scan(input.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> tokens() {
    return Stream.of(
        Arguments.of(
            "identifier and keywords",
            "a true false null",
            List.of("IDENT(a)", "BOOL(true)", "BOOL(false)", "NULL(null)", "TERMINATOR")),
        Arguments.of("unicode identifier", "größe_1", List.of("IDENT(größe_1)", "TERMINATOR")),
        Arguments.of(
            "numbers and floats",
            "1 010 1.5 .5 1e3 2E-2",
            List.of(
                "NUMBER(1)",
                "NUMBER(010)",
                "FLOAT(1.5)",
                "FLOAT(.5)",
                "FLOAT(1e3)",
                "FLOAT(2E-2)",
                "TERMINATOR")),
        Arguments.of(
            "operators",
            "|| && ! != = == < <= > >= + - * / % ^",
            List.of(
                "OR", "AND", "NOT", "NEQ", "ASSIGN", "EQ", "LT", "LTE", "GT", "GTE", "ADD", "SUB",
                "MUL", "DIV", "MOD", "POW")),
        Arguments.of(
            "punctuation",
            "{ } ( ) [ ] , .",
            List.of("LCURLY", "RCURLY", "LPAREN", "RPAREN", "LBRACK", "RBRACK", "COMMA", "DOT")),
        Arguments.of(
            "closing brackets owe a terminator at a newline",
            "}\n)\n]\n,\n",
            List.of(
                "RCURLY", "TERMINATOR", "RPAREN", "TERMINATOR", "RBRACK", "TERMINATOR", "COMMA")),
        Arguments.of(
            "string keeps its quotes and escapes",
            "\"a\\n\\\"b\"",
            List.of("STRING(\"a\\n\\\"b\")", "TERMINATOR")),
        Arguments.of("raw string spans lines", "`a\nb`", List.of("STRING(`a\nb`)", "TERMINATOR")),
        Arguments.of(
            "newline after operator is not a terminator",
            "a =\n1\n",
            List.of("IDENT(a)", "ASSIGN", "NUMBER(1)", "TERMINATOR")),
        Arguments.of(
            "newline after comma is not a terminator",
            "[1,\n2]",
            List.of("LBRACK", "NUMBER(1)", "COMMA", "NUMBER(2)", "RBRACK", "TERMINATOR")),
        Arguments.of(
            "terminator precedes a line comment",
            "a // c\n",
            List.of("IDENT(a)", "TERMINATOR", "COMMENT(// c)")),
        Arguments.of(
            "block comment to end of line also ends the statement",
            "a /* c */\nb",
            List.of("IDENT(a)", "TERMINATOR", "COMMENT(/* c */)", "IDENT(b)", "TERMINATOR")),
        Arguments.of(
            "inline block comment does not end the statement",
            "a /* c */ + b",
            List.of("IDENT(a)", "COMMENT(/* c */)", "ADD", "IDENT(b)", "TERMINATOR")),
        Arguments.of(
            "comment runs on a line are looked through",
            "a /* x */ /* y */ // z\n",
            List.of(
                "IDENT(a)", "TERMINATOR", "COMMENT(/* x */)", "COMMENT(/* y */)", "COMMENT(// z)")),
        Arguments.of(
            "CRLF line endings",
            "a = 1\r\nb = 2\r\n",
            List.of(
                "IDENT(a)",
                "ASSIGN",
                "NUMBER(1)",
                "TERMINATOR",
                "IDENT(b)",
                "ASSIGN",
                "NUMBER(2)",
                "TERMINATOR")),
        Arguments.of(
            "carriage return dropped from a line comment", "// c\r\n", List.of("COMMENT(// c)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokens")
  void scansTokens(String name, String input, List<String> expected) {
    assertThat(scan(input)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("unknown escape", "\"\\q\"", "error@2:unknown escape sequence"),
        Arguments.of(
            "single-quote escape is rejected", "\"\\'\"", "error@2:unknown escape sequence"),
        Arguments.of(
            "bad hex escape",
            "\"\\xZZ\"",
            "error@2:illegal character U+005A 'Z' in escape sequence"),
        Arguments.of(
            "surrogate escape",
            "\"\\uD800\"",
            "error@2:escape sequence is invalid Unicode code point"),
        Arguments.of(
            "octal escape above 255",
            "\"\\400\"",
            "error@2:escape sequence is invalid Unicode code point"),
        Arguments.of("unterminated string", "a = \"abc", "error@4:string literal not terminated"),
        Arguments.of("newline in string", "a = \"ab\nc\"", "error@4:string literal not terminated"),
        Arguments.of("unterminated raw string", "`abc", "error@0:string literal not terminated"),
        Arguments.of(
            "unterminated block comment", "/* abc", "error@0:block comment not terminated"),
        Arguments.of(
            "single-quoted string",
            "'x'",
            "error@0:illegal single-quoted string; use double quotes"),
        Arguments.of("hash is not a comment", "# note", "error@0:illegal character U+0023 '#'"),
        Arguments.of("single pipe", "a | b", "error@3:missing second | in ||"),
        Arguments.of("single ampersand", "a & b", "error@3:missing second & in &&"),
        Arguments.of("exponent without digits", "1e", "error@0:exponent has no digits"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void reportsLexicalErrors(String name, String input, String expectedError) {
    assertThat(scan(input)).contains(expectedError);
  }

  @Test
  void nulByteIsAnError() {
    assertThat(scan(new byte[] {'a', 0, 'b'})).contains("error@1:illegal character NUL");
  }

  @Test
  void invalidUtf8IsAnError() {
    assertThat(scan(new byte[] {'a', ' ', (byte) 0xff, ' ', 'b'}))
        .contains("error@2:illegal UTF-8 encoding");
  }

  @Test
  void truncatedUtf8AtEndOfInputIsAnError() {
    assertThat(scan(new byte[] {'a', ' ', (byte) 0xc3})).contains("error@2:illegal UTF-8 encoding");
  }

  @Test
  void byteOrderMarkIsAllowedOnlyFirst() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] leading = new byte[] {bom[0], bom[1], bom[2], 'a'};
    assertThat(scan(leading)).containsExactly("IDENT(a)", "TERMINATOR");
    byte[] later = new byte[] {'a', ' ', bom[0], bom[1], bom[2]};
    assertThat(scan(later)).contains("error@2:illegal byte order mark");
  }

  @Test
  void validIdentifiers() {
    assertThat(Scanner.isValidIdentifier("abc_1")).isTrue();
    assertThat(Scanner.isValidIdentifier("_x")).isTrue();
    assertThat(Scanner.isValidIdentifier("1abc")).isFalse();
    assertThat(Scanner.isValidIdentifier("my-label")).isFalse();
    assertThat(Scanner.isValidIdentifier("with space")).isFalse();
    assertThat(Scanner.isValidIdentifier("")).isFalse();
  }
}
