package dev.jalloy.component.all;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.Registration;
import dev.jalloy.runtime.ComponentRegistry;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.decode.EnumBlock;
import dev.jalloy.syntax.decode.Schema;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.ComponentHarness;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltinComponentsTest {
  /**
   * The smallest body each component's documentation shows as valid. A new component without an
   * entry fails {@link #everyComponentHasAMinimalBody}.
   */
  private static final Map<String, String> MINIMAL_BODY =
      Map.ofEntries(
          Map.entry("discovery.file", "files = [\"/etc/targets/*.json\"]"),
          Map.entry("discovery.relabel", "targets = []"),
          Map.entry("local.file", "filename = \"/etc/hostname\""),
          Map.entry("local.file_match", "path_targets = []"),
          Map.entry("loki.source.file", "targets = []\n  forward_to = []"),
          Map.entry("loki.source.journal", "forward_to = []"),
          Map.entry("loki.echo", ""),
          Map.entry("loki.process", "forward_to = []"),
          Map.entry("loki.relabel", "forward_to = []"),
          Map.entry("loki.source.api", "forward_to = []"),
          Map.entry("loki.write", "endpoint {\n  url = \"http://loki:3100/loki/api/v1/push\"\n}"),
          Map.entry("prometheus.exporter.self", ""),
          Map.entry("prometheus.exporter.unix", ""),
          Map.entry("prometheus.receive_http", "forward_to = []"),
          Map.entry("prometheus.relabel", "forward_to = []"),
          Map.entry(
              "prometheus.remote_write",
              "endpoint {\n  url = \"http://localhost:9009/api/v1/push\"\n}"),
          Map.entry("prometheus.scrape", "targets = []\n  forward_to = []"));

  /** Alloy's component names: lower-case identifiers (letters, digits, _) joined by dots. */
  private static final Pattern ALLOY_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  static Stream<Registration<?>> registrations() {
    return BuiltinComponents.all().stream();
  }

  @Test
  void namesAreUniqueSortedAndFormARegistry() {
    List<String> names = BuiltinComponents.all().stream().map(Registration::name).toList();
    assertThat(names).doesNotHaveDuplicates().isSorted();
    assertThat(ComponentRegistry.of(BuiltinComponents.all()).all()).hasSize(names.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registrations")
  void nameFollowsAlloysRule(Registration<?> registration) {
    assertThat(registration.name()).matches(ALLOY_NAME);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registrations")
  void argumentsAndExportsHaveValidSchemas(Registration<?> registration) {
    checkSchema(registration.arguments(), new HashSet<>());
    registration.exports().ifPresent(e -> checkSchema(e, new HashSet<>()));
  }

  @Test
  void everyComponentHasAMinimalBody() {
    assertThat(MINIMAL_BODY.keySet())
        .containsExactlyInAnyOrderElementsOf(
            BuiltinComponents.all().stream().map(Registration::name).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registrations")
  void theDocumentedMinimalBodyDecodes(Registration<?> registration) {
    String body = MINIMAL_BODY.getOrDefault(registration.name(), "");
    Decoded<?> decoded =
        ComponentHarness.decode(registration, registration.name() + " \"x\" {\n" + body + "\n}");
    assertThat(decoded.diagnostics().asList()).isEmpty();
    assertThat(decoded.value()).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registrations")
  void anEmptyBodyDecodesOrOnlyMissesRequiredMembers(Registration<?> registration) {
    Decoded<?> decoded = ComponentHarness.decode(registration, registration.name() + " \"x\" {}");
    assertThat(decoded.diagnostics().asList())
        .extracting(Diagnostic::message)
        .allMatch(m -> m.startsWith("missing required "));
  }

  /** Schema.of for the record and every record it nests, as the decoder will meet them. */
  private static void checkSchema(Class<?> record, Set<Class<?>> seen) {
    if (!seen.add(record)) {
      return;
    }
    Schema.of(record);
    for (RecordComponent c : record.getRecordComponents()) {
      nestedRecords(c.getGenericType()).forEach(r -> checkSchema(r, seen));
    }
  }

  private static boolean isAnnotated(Class<?> record) {
    return Stream.of(record.getRecordComponents())
        .anyMatch(
            c ->
                c.isAnnotationPresent(Attr.class)
                    || c.isAnnotationPresent(Block.class)
                    || c.isAnnotationPresent(EnumBlock.class));
  }

  private static Stream<Class<?>> nestedRecords(Type type) {
    if (type instanceof Class<?> c) {
      // Alloy values (secrets) are records too, but converted as values, not decoded as blocks;
      // records without annotated members (RelabelRules) travel as capsules.
      return c.isRecord() && !Value.class.isAssignableFrom(c) && isAnnotated(c)
          ? Stream.of(c)
          : Stream.empty();
    }
    if (type instanceof ParameterizedType p) {
      return Stream.of(p.getActualTypeArguments()).flatMap(BuiltinComponentsTest::nestedRecords);
    }
    return Stream.empty();
  }
}
