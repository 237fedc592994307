package dev.jalloy.component.common.relabel;

import static dev.jalloy.component.common.relabel.R.rule;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Rule#validate()} rejects what Alloy rejects, with Alloy's words. */
class RuleTest {
  private static Arguments invalid(String name, R rule, String message) {
    return Arguments.of(Named.of(name, rule), message);
  }

  static Stream<Arguments> invalidRules() {
    return Stream.of(
        invalid("unknown action", rule().action("nope"), "unrecognized action type \"nope\""),
        invalid("empty action", rule().action(""), "unrecognized action type \"\""),
        invalid(
            "action names are case-sensitive",
            rule().action("Replace").target("x"),
            "unrecognized action type \"Replace\""),
        invalid(
            "replace without target_label",
            rule(),
            "relabel configuration for replace action requires 'target_label' value"),
        invalid(
            "lowercase without target_label",
            rule().action("lowercase"),
            "relabel configuration for lowercase action requires 'target_label' value"),
        invalid(
            "keepequal without target_label",
            rule().action("keepequal"),
            "relabel configuration for keepequal action requires 'target_label' value"),
        invalid(
            "hashmod without modulus",
            rule().action("hashmod").target("x"),
            "relabel configuration for hashmod requires non-zero modulus"),
        invalid(
            "hashmod without target_label",
            rule().action("hashmod").modulus(3),
            "relabel configuration for hashmod action requires 'target_label' value"),
        invalid(
            "hashmod target with a reference",
            rule().action("hashmod").modulus(3).target("${1}"),
            "\"${1}\" is invalid 'target_label' for hashmod action"),
        invalid(
            "replace target starting with a dash",
            rule().target("-${3}"),
            "\"-${3}\" is invalid 'target_label' for replace action"),
        invalid(
            "replace target starting with a digit",
            rule().target("0${3}"),
            "\"0${3}\" is invalid 'target_label' for replace action"),
        invalid(
            "replace target with a dangling dollar",
            rule().target("foo${"),
            "\"foo${\" is invalid 'target_label' for replace action"),
        invalid(
            "uppercase with a replacement",
            rule().action("uppercase").target("x").replacement("y"),
            "'replacement' can not be set for uppercase action"),
        invalid(
            "labelmap replacement that is no label name",
            rule().action("labelmap").replacement("-"),
            "\"-\" is invalid 'replacement' for labelmap action"),
        invalid(
            "labeldrop with target_label",
            rule().action("labeldrop").regex("a").target("x"),
            "labeldrop action requires only 'regex', and no other fields"),
        invalid(
            "labelkeep with source_labels",
            rule().action("labelkeep").source("a"),
            "labelkeep action requires only 'regex', and no other fields"),
        invalid(
            "labelkeep with separator",
            rule().action("labelkeep").separator(","),
            "labelkeep action requires only 'regex', and no other fields"),
        invalid(
            "keepequal with a regex",
            rule().action("keepequal").target("x").regex("a"),
            "keepequal action requires only 'source_labels' and 'target_label', and no other"
                + " fields"),
        invalid(
            "dropequal with a modulus",
            rule().action("dropequal").target("x").modulus(2),
            "dropequal action requires only 'source_labels' and 'target_label', and no other"
                + " fields"),
        invalid(
            "regex syntax error, in Go's words",
            rule().target("x").regex("("),
            "error parsing regexp: missing closing ): `^(?:()$`"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRules")
  void rejectsWithAlloysMessage(R rule, String message) {
    assertThatThrownBy(() -> rule.build().validate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> validRules() {
    return Stream.of(
        Arguments.of(Named.of("replace with a plain target", rule().target("x"))),
        Arguments.of(Named.of("replace with references", rule().target("${1}_x$2"))),
        Arguments.of(Named.of("keep with defaults", rule().action("keep"))),
        Arguments.of(Named.of("drop with defaults", rule().action("drop"))),
        Arguments.of(Named.of("hashmod", rule().action("hashmod").modulus(8).target("shard"))),
        Arguments.of(Named.of("labelmap with defaults", rule().action("labelmap"))),
        Arguments.of(Named.of("labeldrop with a regex", rule().action("labeldrop").regex("x"))),
        Arguments.of(
            Named.of("keepequal", rule().action("keepequal").source("a", "b").target("c"))),
        Arguments.of(Named.of("uppercase", rule().action("uppercase").target("c"))),
        // Alloy checks these targets with the reference pattern only (Prometheus also wants a
        // label name); Alloy accepts them, so jalloy does.
        Arguments.of(
            Named.of(
                "lowercase target with a reference, as Alloy allows",
                rule().action("lowercase").target("${3}"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validRules")
  void accepts(R rule) {
    assertThatCode(() -> rule.build().validate()).doesNotThrowAnyException();
  }
}
