package dev.jalloy.syntax.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.testing.UpstreamTestData;
import dev.jalloy.syntax.token.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alloy's own printer test data as a conformance suite: every {@code X.in} formats to {@code
 * X.expect}, or, where an {@code X.error} exists, fails to parse with that message.
 *
 * <p>Upstream compares the printer's output with the expected file stripped of trailing whitespace;
 * {@code alloy fmt} then adds one newline, which is what {@link Formatter#format} returns.
 */
class UpstreamPrinterTest {
  private static Path testdata() {
    return UpstreamTestData.alloy("syntax/printer/testdata");
  }

  static Stream<String> formatCases() {
    return inputs().filter(name -> !Files.exists(testdata().resolve(name + ".error")));
  }

  static Stream<String> errorCases() {
    return inputs().filter(name -> Files.exists(testdata().resolve(name + ".error")));
  }

  private static Stream<String> inputs() {
    return UpstreamTestData.list(testdata(), p -> p.toString().endsWith(".in")).stream()
        .map(p -> p.getFileName().toString().replaceFirst("\\.in$", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formatCases")
  void formatsToTheExpectedOutput(String name) throws IOException {
    ParseResult parsed = parse(name + ".in");
    assertThat(parsed.diagnostics().asList()).isEmpty();
    String expected = read(name + ".expect").stripTrailing() + "\n";

    assertThat(Formatter.format(parsed.file())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorCases")
  void reportsTheExpectedParseError(String name) throws IOException {
    String expected = read(name + ".error").replace("\r\n", "\n").strip();

    assertThat(parse(name + ".in").diagnostics().asList())
        .extracting(Diagnostic::message)
        .contains(expected);
  }

  private static ParseResult parse(String file) throws IOException {
    return Parser.parse(new SourceFile(file, Files.readAllBytes(testdata().resolve(file))));
  }

  private static String read(String file) throws IOException {
    return Files.readString(testdata().resolve(file), StandardCharsets.UTF_8);
  }
}
