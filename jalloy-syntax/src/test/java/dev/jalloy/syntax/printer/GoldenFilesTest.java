package dev.jalloy.syntax.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.testing.UpstreamTestData;
import dev.jalloy.syntax.token.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our own golden pairs under {@code src/test/resources/printer}: each {@code X.in} formats to
 * exactly {@code X.expect}, and formatting {@code X.expect} again changes nothing. The expected
 * files were written from the rules of Alloy's printer, one file per rule of section 1.10 of the
 * spec; the {@code .in} files say in comments where jalloy deliberately differs from Alloy.
 */
class GoldenFilesTest {
  static Stream<String> goldenCases() {
    return UpstreamTestData.list(goldenDir(), p -> p.toString().endsWith(".in")).stream()
        .map(p -> p.getFileName().toString().replaceFirst("\\.in$", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void formatsToTheExpectedOutput(String name) throws IOException {
    byte[] expected = Files.readAllBytes(goldenDir().resolve(name + ".expect"));

    assertThat(format(name + ".in", Files.readAllBytes(goldenDir().resolve(name + ".in"))))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void formattingTheExpectedOutputChangesNothing(String name) throws IOException {
    byte[] expected = Files.readAllBytes(goldenDir().resolve(name + ".expect"));

    assertThat(format(name + ".expect", expected))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
  }

  static Stream<Path> sharedConfigs() {
    return UpstreamTestData.userConfigs().stream();
  }

  /**
   * The users' configurations are indented with two spaces on purpose: formatting must change them
   * (tabs), and formatting the result must not change it again.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedConfigs")
  void sharedConfigIsReformattedAndThenStable(Path path) throws IOException {
    String original = Files.readString(path, StandardCharsets.UTF_8);

    String once = format(path.getFileName().toString(), original.getBytes(StandardCharsets.UTF_8));
    String twice = format("formatted", once.getBytes(StandardCharsets.UTF_8));

    assertThat(once).isNotEqualTo(original).contains("\n\t").doesNotContain("\n  ");
    assertThat(twice).isEqualTo(once);
  }

  static String format(String name, byte[] source) {
    ParseResult parsed = Parser.parse(new SourceFile(name, source));
    assertThat(parsed.diagnostics().asList()).as("parse errors in %s", name).isEmpty();
    return Formatter.format(parsed.file());
  }

  private static Path goldenDir() {
    try {
      return Path.of(Objects.requireNonNull(GoldenFilesTest.class.getResource("/printer")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> caseNames() {
    return goldenCases().toList();
  }
}
