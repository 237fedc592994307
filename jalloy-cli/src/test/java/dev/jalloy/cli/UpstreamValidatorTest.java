package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jalloy.component.Stability;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.token.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alloy's own validator test data ({@code internal/validator/testdata}): each {@code .txtar} holds
 * the files of one configuration, the {@code .diags} beside it the exact output Alloy prints. Our
 * output must be the same, byte for byte.
 *
 * <p>Cases whose expected output needs a capability jalloy does not have yet are skipped, and the
 * skip names that capability; {@link #everyCaseIsRunOrNamesItsMissingCapability} keeps this list
 * honest as the upstream folder changes.
 */
class UpstreamValidatorTest {
  private static final String REGISTRY =
      "component registry (cannot find the definition of component name / custom components)";
  private static final String SCHEMA =
      "argument decoding against component and config-block schemas (missing required attribute,"
          + " unrecognized attribute name, type errors)";
  private static final String GRAPH =
      "reference resolution and the dependency graph (does not exist or is out of scope, cycle"
          + " detected, cannot reference self)";
  private static final String STDLIB =
      "standard library name table with stability levels and deprecations";

  /** What each case needs beyond the syntax tree; an empty list means it runs today. */
  private static final Map<String, List<String>> NEEDS =
      Map.ofEntries(
          Map.entry("default/duplicates", List.of()),
          Map.entry("default/syntax_errors", List.of()),
          Map.entry("default/valid", List.of()),
          Map.entry("default/cycle", List.of(REGISTRY, GRAPH)),
          Map.entry("default/invalid_declare", List.of(REGISTRY, SCHEMA)),
          Map.entry("default/invalid_foreach", List.of(REGISTRY, SCHEMA, GRAPH)),
          Map.entry("default/invalid_properties", List.of(REGISTRY, SCHEMA)),
          Map.entry("default/invalid_refs", List.of(REGISTRY, GRAPH)),
          Map.entry("default/invalid_types", List.of(REGISTRY, SCHEMA)),
          Map.entry("default/missing", List.of(REGISTRY)),
          Map.entry("default/mixed", List.of(REGISTRY)),
          Map.entry("default/stdlib", List.of(STDLIB, GRAPH)),
          Map.entry("ga/non_ga", List.of(STDLIB)));

  static Path testdata() {
    return Cli.sharedDir().resolve("reference/upstream-testdata/alloy/internal/validator/testdata");
  }

  static Stream<String> cases() throws IOException {
    List<String> names = new ArrayList<>();
    for (String dir : List.of("default", "ga")) {
      try (Stream<Path> files = Files.list(testdata().resolve(dir))) {
        files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".txtar"))
            .sorted()
            .forEach(n -> names.add(dir + "/" + n.substring(0, n.length() - ".txtar".length())));
      }
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsExactlyWhatAlloyPrints(String name) throws IOException {
    List<String> missing = NEEDS.get(name);
    assumeTrue(
        missing != null && missing.isEmpty(),
        () -> name + " needs what jalloy does not have yet: " + String.join("; ", missing));

    assertThat(validate(name)).isEqualTo(expected(name));
  }

  /**
   * Runs on every case, including those skipped above: whatever jalloy reports today must be among
   * Alloy's diagnostics, in Alloy's order. This checks the structural checks on the richer cases
   * (labels, blocks out of place, foreach stability) and that nothing is reported that Alloy does
   * not report.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsOnlyWhatAlloyReportsInAlloysOrder(String name) throws IOException {
    List<String> expected = split(expected(name));
    List<String> actual = split(validate(name));
    int next = 0;
    for (String diagnostic : actual) {
      int found = expected.subList(next, expected.size()).indexOf(diagnostic);
      assertThat(found)
          .as("%s: not reported by Alloy (or out of order):%n%s", name, diagnostic)
          .isNotNegative();
      next += found + 1;
    }
  }

  private static String validate(String name) throws IOException {
    Txtar archive = Txtar.read(testdata().resolve(name + ".txtar"));
    List<SourceFile> files = new ArrayList<>();
    archive.files().forEach((file, bytes) -> files.add(new SourceFile(file, bytes)));
    // Alloy runs the "ga" folder at its default level and "default" with experimental allowed.
    Stability level =
        name.startsWith("ga/") ? Stability.GENERALLY_AVAILABLE : Stability.EXPERIMENTAL;
    Diagnostics diagnostics = new ConfigValidator(level, SchemaChecks.NONE).validate(files);
    StringWriter printed = new StringWriter();
    ConfigSources.print(diagnostics, files, new PrintWriter(printed));
    return printed.toString();
  }

  private static String expected(String name) throws IOException {
    return Files.readString(testdata().resolve(name + ".diags"));
  }

  /** One printed diagnostic per element: each ends with a newline, a blank line separates them. */
  private static List<String> split(String printed) {
    return printed.isEmpty()
        ? List.of()
        : List.of(printed.split("(?<=\\n)\\n(?=(?:Error|Warning): )", -1));
  }

  @Test
  void everyCaseIsRunOrNamesItsMissingCapability() throws IOException {
    assertThat(NEEDS.keySet()).containsExactlyInAnyOrderElementsOf(cases().toList());
  }
}
