package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken and hostile input through every command that reads a config: each gives exit 1, a {@code
 * file:line:col: message} line, the source line with a caret, and never a stack trace or a hang.
 */
class BadInputTest {
  private static final Pattern POSITION_LINE =
      Pattern.compile("(?m)^Error: \\S*config\\.alloy:\\d+:\\d+: \\S.*$");
  private static final Pattern CARET_LINE = Pattern.compile("(?m)^ *\\|[ _|]*\\^+ *$");

  @TempDir Path tmp;

  record Case(String name, byte[] bytes, int minErrors) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        bytes(
            "invalid UTF-8",
            concat(
                "local.file \"a\" {\n  filename = \"",
                new byte[] {(byte) 0xff, (byte) 0xfe},
                "\"\n}\n")));
    cases.add(bytes("NUL byte", concat("logging {\n  level = \"", new byte[] {0}, "\"\n}\n")));
    cases.add(text("unterminated string", "local.file \"a\" {\n  filename = \"/etc/x\n}\n"));
    cases.add(text("unterminated block comment", "logging {}\n/* never closed\nlogging {}\n"));
    cases.add(text("single-quoted string", "local.file \"a\" {\n  filename = '/etc/x'\n}\n"));
    cases.add(text("hash comment", "# a shell comment\nlogging {}\n"));
    cases.add(
        text(
            "10 MB single line",
            "local.file \"a\" {\n  filename = \"" + "a".repeat(10 << 20) + "\" # \n}\n"));
    cases.add(
        text(
            "10,000-deep nesting",
            "local.file \"a\" {\n  filename = "
                + "[".repeat(10_000)
                + "]".repeat(10_000)
                + "\n}\n"));
    cases.add(
        new Case(
            "several errors in one file",
            """
            local.file "a" {
              filename = 'x'
            }

            logging {
              level = "info" "debug"
            }

            prometheus.scrape "s" {
              targets = [1 2]
            }
            """
                .getBytes(StandardCharsets.UTF_8),
            3));
    return cases;
  }

  static Stream<Arguments> commandsAndCases() {
    List<Arguments> all = new ArrayList<>();
    for (String command : List.of("validate", "run", "fmt")) {
      for (Case c : cases()) {
        all.add(Arguments.of(command, c));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("commandsAndCases")
  void clearDiagnosticNoStackTrace(String command, Case c) throws IOException {
    Path config = tmp.resolve("config.alloy");
    Files.write(config, c.bytes);

    Cli.Result result = Cli.run(command, config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(POSITION_LINE.matcher(result.err()).results().count())
        .as("file:line:col lines in%n%s", result.err())
        .isGreaterThanOrEqualTo(c.minErrors);
    assertThat(CARET_LINE.matcher(result.err()).find())
        .as("caret line in%n%s", shorten(result.err()))
        .isTrue();
    assertThat(result.all()).doesNotContain("Exception", "\tat ", "Error: internal error");
    // A diagnostic shows a window of a huge line, never the whole of it.
    assertThat(result.err().length()).isLessThan(20_000);
  }

  private static String shorten(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
  }

  private static Case text(String name, String text) {
    return new Case(name, text.getBytes(StandardCharsets.UTF_8), 1);
  }

  private static Case bytes(String name, byte[] bytes) {
    return new Case(name, bytes, 1);
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
