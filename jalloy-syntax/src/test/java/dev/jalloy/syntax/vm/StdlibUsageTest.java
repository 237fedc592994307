package dev.jalloy.syntax.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Severity;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.token.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdlibUsageTest {

  private static List<Diagnostic> check(String source, String stability, String... defined) {
    SourceFile file = SourceFile.of("main.alloy", source);
    var body = Parser.parse(file).file().body();
    return StdlibUsage.check(body, file, List.of(defined)::contains, stability).asList();
  }

  @Test
  void deprecatedAliasIsAWarningNamingItsReplacement() {
    List<Diagnostic> diags = check("c {\n  a = env(\"HOME\")\n}\n", "generally-available");
    assertThat(diags).hasSize(1);
    assertThat(diags.getFirst().severity()).isEqualTo(Severity.WARNING);
    assertThat(diags.getFirst().toString())
        .isEqualTo(
            "main.alloy:2:7: the standard library function \"env\" is deprecated; use \"sys.env\""
                + " instead");
  }

  @Test
  void experimentalFunctionNeedsTheExperimentalLevel() {
    String source = "c {\n  a = array.group_by([], \"k\", false)\n}\n";
    List<Diagnostic> diags = check(source, "generally-available");
    assertThat(diags)
        .extracting(Diagnostic::message)
        .containsExactly(
            "array.group_by is at stability level \"experimental\", which is below the minimum"
                + " allowed stability level \"generally-available\". Use --stability.level"
                + " command-line flag to enable \"experimental\" features");
    assertThat(check(source, "experimental")).isEmpty();
  }

  @Test
  void namesTheConfigurationDefinesAreNotTheStandardLibrarys() {
    assertThat(check("c {\n  a = env.x\n}\n", "generally-available", "env")).isEmpty();
  }

  @Test
  void currentNamesPassQuietly() {
    assertThat(
            check(
                "c {\n  a = sys.env(\"HOME\")\n  b = string.format(\"%d\", 1)\n}\n",
                "public-preview"))
        .isEmpty();
  }
}
