package dev.jalloy.syntax.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.scanner.Scanner;
import dev.jalloy.syntax.testing.UpstreamTestData;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.token.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs Alloy's own parser test data. Files under {@code valid/} must parse cleanly. The other files
 * mark each expected error with a {@code /* ERROR "regexp" *}{@code /} comment right after the
 * offending token ({@code ERROR HERE} for a position just after a token); every reported error must
 * be expected there and every expected error must be reported.
 */
class UpstreamParserTest {
  private static final Pattern ERROR_COMMENT =
      Pattern.compile("^/\\* *ERROR *(HERE)? *\"([^\"]*)\" *\\*/$");

  static Stream<Path> validFiles() {
    return UpstreamTestData.list(UpstreamTestData.alloy("syntax/parser/testdata/valid"), p -> true)
        .stream();
  }

  static Stream<Path> errorFiles() {
    return UpstreamTestData.list(
        UpstreamTestData.alloy("syntax/parser/testdata"), p -> p.toString().endsWith(".alloy"))
        .stream();
  }

  static Stream<Path> fuzzInputs() {
    return UpstreamTestData.list(
        UpstreamTestData.alloy("syntax/parser/testdata/fuzz/FuzzParser"), p -> true)
        .stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void validFileParsesWithoutErrors(Path path) throws IOException {
    ParseResult result = Parser.parse(new SourceFile(path.getFileName().toString(), read(path)));
    assertThat(result.diagnostics().asList()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorFiles")
  void reportsExactlyTheExpectedErrors(Path path) throws IOException {
    SourceFile file = new SourceFile(path.getFileName().toString(), read(path));
    Map<Integer, String> expected = expectedErrors(file);
    assertThat(expected).as("test file declares expected errors").isNotEmpty();

    List<String> problems = new ArrayList<>();
    for (Diagnostic d : Parser.parse(file).diagnostics()) {
      String rx = expected.remove(d.start().offset());
      if (rx == null) {
        problems.add("unexpected error " + d);
      } else if (!goRegexp(rx).matcher(d.message()).find()) {
        problems.add(d.start() + ": \"" + d.message() + "\" does not match \"" + rx + "\"");
      }
    }
    expected.forEach(
        (offset, rx) -> problems.add(file.position(offset) + ": error not reported: " + rx));
    assertThat(problems).isEmpty();
  }

  /** Inputs that once crashed Alloy's parser must give diagnostics, not exceptions. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fuzzInputs")
  void fuzzCorpusInputIsRejectedCleanly(Path path) throws IOException {
    byte[] input = goFuzzInput(Files.readString(path));
    ParseResult result = Parser.parse(new SourceFile("fuzz.alloy", input));
    assertThat(result.diagnostics().hasErrors()).isTrue();
  }

  private static Map<Integer, String> expectedErrors(SourceFile file) {
    Map<Integer, String> errors = new HashMap<>();
    Scanner scanner = new Scanner(file, (offset, message) -> {});
    int prev = 0; // start of the last token that is neither a comment nor a newline
    int here = 0; // just after that token
    for (Token tok = scanner.scan(); tok != Token.EOF; tok = scanner.scan()) {
      switch (tok) {
        case COMMENT -> {
          Matcher m = ERROR_COMMENT.matcher(scanner.literal());
          if (m.matches()) {
            errors.put(m.group(1) != null ? here : prev, m.group(2));
          }
        }
        case TERMINATOR -> {}
        default -> {
          prev = scanner.offset();
          boolean literal =
              tok == Token.IDENT
                  || tok == Token.NUMBER
                  || tok == Token.FLOAT
                  || tok == Token.STRING;
          // Upstream measures non-literal tokens by their name (BOOL is 4 long); mirror it.
          int length =
              literal
                  ? scanner.literal().getBytes(StandardCharsets.UTF_8).length
                  : tok.toString().length();
          here = prev + length;
        }
      }
    }
    return errors;
  }

  /** Go's regexp takes a '{' that starts no repetition literally; Java's needs it escaped. */
  private static Pattern goRegexp(String rx) {
    return Pattern.compile(rx.replaceAll("\\{(?![0-9])", "\\\\{"));
  }

  /** Decodes Go's fuzz corpus format: a header line, then {@code []byte("...")}. */
  static byte[] goFuzzInput(String corpus) {
    String line = corpus.lines().skip(1).findFirst().orElseThrow().trim();
    String quoted = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
    var out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        out.write(c);
        continue;
      }
      char e = quoted.charAt(++i);
      switch (e) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case 'x' -> {
          out.write(Integer.parseInt(quoted.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> out.write(e);
      }
    }
    return out.toByteArray();
  }

  private static byte[] read(Path path) throws IOException {
    return Files.readAllBytes(path);
  }
}
