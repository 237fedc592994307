package dev.jalloy.component.common.relabel;

import static dev.jalloy.component.common.relabel.R.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.model.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with Prometheus' {@code model/relabel/relabel.go}: Prometheus' own {@code
 * TestRelabel} table, plus the edge cases Alloy users trip over.
 */
class RelabelerTest {
  /** A case: labels in, rules, labels out (empty when the rules drop them). */
  record Case(Labels in, List<R> rules, Optional<Labels> out) {}

  private static Arguments keep(String name, Labels in, Labels out, R... rules) {
    return Arguments.of(Named.of(name, new Case(in, List.of(rules), Optional.of(out))));
  }

  private static Arguments drop(String name, Labels in, R... rules) {
    return Arguments.of(Named.of(name, new Case(in, List.of(rules), Optional.empty())));
  }

  private static Labels l(String... kv) {
    return Labels.of(kv);
  }

  static Stream<Arguments> cases() {
    Labels abc = l("a", "foo", "b", "bar", "c", "baz");
    Labels ports = l("__tmp_port", "1234", "__port1", "1234", "__port2", "5678");
    return Stream.of(
        // --- replace ---
        keep(
            "replace: ${1} in the replacement",
            abc,
            l("a", "foo", "b", "bar", "c", "baz", "d", "choo-choo"),
            rule().source("a").regex("f(.*)").target("d").replacement("ch${1}-ch${1}")),
        keep(
            "replace: $1 in the replacement",
            l("a", "foo"),
            l("a", "foo", "d", "choo-choo"),
            rule().source("a").regex("f(.*)").target("d").replacement("ch$1-ch$1")),
        keep(
            "replace: several sources joined by the separator, rules see earlier results",
            abc,
            l("a", "boobam", "b", "bar", "c", "baz", "d", "boooom"),
            rule().source("a", "b").regex("f(.*);(.*)r").target("a").replacement("b${1}${2}m"),
            rule().source("c", "a").regex("(b).*b(.*)ba(.*)").target("d").replacement("$1$2$2$3")),
        keep(
            "replace: a custom separator",
            l("a", "x", "b", "y"),
            l("a", "x", "b", "y", "ab", "x--y"),
            rule().source("a", "b").separator("--").target("ab")),
        keep(
            "replace: the default regex and replacement copy a label",
            l("a", "foo"),
            l("a", "foo", "d", "foo"),
            rule().source("a").target("d")),
        keep(
            "replace: the match is the whole value, groups inside it",
            l("a", "abc"),
            l("a", "abc", "d", "b"),
            rule().source("a").regex(".*(b).*").target("d")),
        keep(
            "replace: no match leaves the labels unchanged",
            l("a", "boo"),
            l("a", "boo"),
            rule().source("a").regex("f").target("b").replacement("bar")),
        keep(
            "replace: the regex is anchored, foo does not match foobar",
            l("a", "foobar"),
            l("a", "foobar"),
            rule().source("a").regex("foo").target("b").replacement("hit")),
        keep(
            "replace: a missing source label is the empty value",
            l("a", "foo"),
            l("a", "foo", "b", "empty"),
            rule().source("nope").regex("").target("b").replacement("empty")),
        keep(
            "replace: empty sources joined still carry the separator",
            l("a", "foo"),
            l("a", "foo", "b", "joined"),
            rule().source("x", "y").regex(";").target("b").replacement("joined")),
        keep(
            "replace: an empty result deletes the target label",
            l("a", "foo", "d", "old"),
            l("a", "foo"),
            rule().source("nope").target("d")),
        keep(
            "replace: replacement expanding to nothing deletes the target",
            l("a", "some-name-value", "name", "x"),
            l("a", "some-name-value"),
            rule().source("a").regex("some-([^-]+)-([^,]+)").target("${1}").replacement("${3}")),
        keep(
            "replace: target label from a capture group",
            l("a", "some-name-value"),
            l("a", "some-name-value", "name", "value"),
            rule().source("a").regex("some-([^-]+)-([^,]+)").target("${1}").replacement("${2}")),
        keep(
            "replace: a target empty after expansion is skipped",
            l("a", "some-name-0"),
            l("a", "some-name-0"),
            rule().source("a").regex("some-([^-]+)-([^,]+)").target("${3}").replacement("${1}"),
            rule().source("a").regex("some-([^-]+)(-[^,]+)").target("${3}").replacement("${1}")),
        keep(
            "replace: a target that is no label name after expansion is skipped",
            l("a", "1-x"),
            l("a", "1-x"),
            rule().source("a").regex("(.)-(.)").target("${1}").replacement("$2")),
        keep(
            "replace: real-life tag parsing",
            l("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar"),
            l(
                "__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar",
                "__metrics_path__", "/secret",
                "job", "some-job",
                "foo", "bar"),
            rule()
                .source("__meta_sd_tags")
                .regex("(?:.+,|^)path:(/[^,]+).*")
                .target("__metrics_path__")
                .replacement("${1}"),
            rule()
                .source("__meta_sd_tags")
                .regex("(?:.+,|^)job:([^,]+).*")
                .target("job")
                .replacement("${1}"),
            rule()
                .source("__meta_sd_tags")
                .regex("(?:.+,|^)label:([^=]+)=([^,]+).*")
                .target("${1}")
                .replacement("${2}")),
        keep(
            "replace: dot does not match a newline (Alloy compiles ^(?:regex)$)",
            l("a", "foo\nbar"),
            l("a", "foo\nbar"),
            rule().source("a").regex("foo.*").target("b").replacement("hit")),
        // --- keep / drop ---
        drop(
            "drop: a match drops, later rules do not run",
            l("a", "foo"),
            rule().source("a").regex(".*o.*").action("drop"),
            rule().source("a").regex("f(.*)").target("d").replacement("ch$1-ch$1")),
        keep(
            "drop: no match keeps",
            l("a", "foo"),
            l("a", "foo"),
            rule().source("a").regex("no-match").action("drop")),
        keep(
            "drop: f|o is anchored as a whole and does not match foo",
            l("a", "foo"),
            l("a", "foo"),
            rule().source("a").regex("f|o").action("drop")),
        drop(
            "drop: the default regex matches everything, the empty value too",
            l("a", "foo"),
            rule().source("nope").action("drop")),
        drop(
            "keep: no match drops",
            l("a", "foo"),
            rule().source("a").regex("no-match").action("keep")),
        drop(
            "keep: foo does not match foobar",
            l("a", "foobar"),
            rule().source("a").regex("foo").action("keep")),
        keep(
            "keep: a match keeps",
            l("a", "foo"),
            l("a", "foo"),
            rule().source("a").regex("f.*").action("keep")),
        keep(
            "keep: an empty regex keeps only empty values",
            l("a", "foo"),
            l("a", "foo"),
            rule().source("missing").regex("").action("keep")),
        // --- keepequal / dropequal ---
        keep(
            "keepequal: equal keeps",
            ports,
            ports,
            rule().source("__tmp_port").target("__port1").action("keepequal")),
        drop(
            "keepequal: different drops",
            ports,
            rule().source("__tmp_port").target("__port2").action("keepequal")),
        drop(
            "dropequal: equal drops",
            ports,
            rule().source("__tmp_port").target("__port1").action("dropequal")),
        keep(
            "dropequal: different keeps",
            ports,
            ports,
            rule().source("__tmp_port").target("__port2").action("dropequal")),
        drop(
            "dropequal: a missing source equals a missing target",
            l("a", "1"),
            rule().source("x").target("y").action("dropequal")),
        // --- hashmod (expected values from Prometheus' TestRelabel) ---
        keep(
            "hashmod: md5(baz) mod 1000",
            abc,
            l("a", "foo", "b", "bar", "c", "baz", "d", "976"),
            rule().source("c").target("d").modulus(1000).action("hashmod")),
        keep(
            "hashmod: md5(foo\\nbar) mod 1000",
            l("a", "foo\nbar"),
            l("a", "foo\nbar", "b", "734"),
            rule().source("a").target("b").modulus(1000).action("hashmod")),
        // --- labelmap / labeldrop / labelkeep ---
        keep(
            "labelmap: $-references in the replacement, originals kept",
            l("a", "foo", "b1", "bar", "b2", "baz"),
            l("a", "foo", "b1", "bar", "b2", "baz", "bar_b1", "bar", "bar_b2", "baz"),
            rule().regex("(b.*)").replacement("bar_${1}").action("labelmap")),
        keep(
            "labelmap: __meta_ prefixes stripped with $1",
            l("a", "foo", "__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc"),
            l(
                "a", "foo",
                "__meta_my_bar", "aaa",
                "__meta_my_baz", "bbb",
                "__meta_other", "ccc",
                "my_bar", "aaa",
                "my_baz", "bbb"),
            rule().regex("__meta_(my.*)").replacement("$1").action("labelmap")),
        keep(
            "labelkeep: keeps the matching names only",
            l("a", "foo", "b1", "bar", "b2", "baz"),
            l("b1", "bar", "b2", "baz"),
            rule().regex("(b.*)").action("labelkeep")),
        keep(
            "labeldrop: drops the matching names",
            l("a", "foo", "b1", "bar", "b2", "baz"),
            l("a", "foo"),
            rule().regex("(b.*)").action("labeldrop")),
        keep(
            "labeldrop: b does not match b1",
            l("b", "x", "b1", "y"),
            l("b1", "y"),
            rule().regex("b").action("labeldrop")),
        keep(
            "labeldrop: everything, leaving an empty label set",
            l("a", "1", "b", "2"),
            Labels.EMPTY,
            rule().regex(".*").action("labeldrop")),
        keep(
            "labeldrop then replace then keep (prometheus#12283)",
            l(
                "__meta_kubernetes_pod_container_port_name", "foo",
                "__meta_kubernetes_pod_annotation_XXX_metrics_port", "9091"),
            l(
                "__meta_kubernetes_pod_annotation_XXX_metrics_port", "9091",
                "__meta_kubernetes_pod_container_port_name", "metrics"),
            rule().regex("^__meta_kubernetes_pod_container_port_name$").action("labeldrop"),
            rule()
                .source("__meta_kubernetes_pod_annotation_XXX_metrics_port")
                .regex("(.+)")
                .target("__meta_kubernetes_pod_container_port_name")
                .replacement("metrics"),
            rule()
                .source("__meta_kubernetes_pod_container_port_name")
                .regex("^metrics$")
                .action("keep")),
        // --- lowercase / uppercase ---
        keep(
            "uppercase and lowercase",
            l("foo", "bAr123Foo"),
            l("foo", "bAr123Foo", "foo_lowercase", "bar123foo", "foo_uppercase", "BAR123FOO"),
            rule().source("foo").target("foo_uppercase").action("uppercase"),
            rule().source("foo").target("foo_lowercase").action("lowercase")),
        keep(
            "lowercase: an empty source deletes the target",
            l("t", "x"),
            Labels.EMPTY,
            rule().source("nope").target("t").action("lowercase")),
        // --- no rules ---
        keep("no rules: labels unchanged", abc, abc));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void relabelsAsPrometheusDoes(Case c) {
    List<Rule> rules = c.rules().stream().map(R::build).toList();
    assertThat(new Relabeler().process(c.in(), rules)).isEqualTo(c.out());
  }

  @Test
  void ruleDefaultsAreAlloys() {
    assertThat(Rule.defaults()).isEqualTo(new Rule(List.of(), ";", "(.*)", 0, "", "$1", "replace"));
  }

  @Test
  void anUnchangedLabelSetIsTheInputInstance() {
    Labels in = l("a", "foo", "b", "bar");
    List<Rule> rules =
        List.of(
            rule().source("a").regex("foo").action("keep").build(),
            rule().source("a").target("b").regex("nomatch").build(),
            rule().source("b").target("b").build()); // rewrites b with its own value
    assertThat(new Relabeler().process(in, rules)).containsSame(in);
  }

  @Test
  void aRelabelerIsReusableAcrossLabelSetsAndRuleLists() {
    Relabeler relabeler = new Relabeler();
    List<Rule> copy = List.of(rule().source("a").target("b").build());
    List<Rule> upper = List.of(rule().source("a").target("b").action("uppercase").build());
    assertThat(relabeler.process(l("a", "x"), copy)).contains(l("a", "x", "b", "x"));
    assertThat(relabeler.process(l("a", "y"), copy)).contains(l("a", "y", "b", "y"));
    assertThat(relabeler.process(l("a", "y"), upper)).contains(l("a", "y", "b", "Y"));
    assertThat(relabeler.process(l("c", "1"), copy)).contains(l("c", "1"));
  }

  @Test
  void invalidRulesFailBeforeAnyLabelIsTouched() {
    List<Rule> rules = List.of(rule().action("nope").build());
    assertThatThrownBy(() -> new Relabeler().process(l("a", "1"), rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unrecognized action type \"nope\"");
  }

  // --- hashmod against an independent implementation ---

  /** Prometheus' hashmod written out longhand: md5, bytes 8..15 big-endian unsigned, modulo. */
  private static String referenceHashmod(String value, long modulus) throws Exception {
    byte[] sum = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
    byte[] last8 = Arrays.copyOfRange(sum, 8, 16);
    var unsigned = new java.math.BigInteger(1, last8);
    return unsigned.mod(new java.math.BigInteger(Long.toUnsignedString(modulus))).toString();
  }

  @ParameterizedTest(name = "md5({0}) mod {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "baz | 1000 | 976", // Prometheus' TestRelabel
        "'' | 10 | ",
        "10.0.0.1:9100 | 3 | ",
        "node-a;prod | 7 | ",
        "ünïcödé | 1000 | ",
        "x | 1 | 0",
        "big | 9223372036854775807 | ",
        "big | -1 | ", // 2^64-1 as an unsigned modulus
      })
  void hashmodMatchesPrometheus(String value, long modulus, String expected) throws Exception {
    String reference = referenceHashmod(value, modulus);
    if (expected != null) {
      assertThat(reference).isEqualTo(expected);
    }
    assertThat(new Relabeler().hashmod(value, modulus)).isEqualTo(reference);
  }

  // --- Go's Regexp.Expand ---

  @ParameterizedTest(name = "{0} with {1} on {2} -> [{3}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "(f)(o+)         | $1-$2              | foo   | f-oo",
        "(f)(o+)         | ${1}x              | foo   | fx",
        "(f)(o+)         | $1x                | foo   | ''", // group named 1x
        "(f)(o+)         | $$1                | foo   | $1",
        "(f)(o+)         | cost: $            | foo   | cost: $",
        "(f)(o+)         | ${1                | foo   | ${1",
        "(f)(o+)         | ${}                | foo   | ${}",
        "(f)(o+)         | $3                 | foo   | ''", // no such group
        "(f)(o+)         | $01                | foo   | ''", // leading zero: a name
        "(f)(o+)         | $0                 | foo   | foo",
        "(?P<first>f)(o+)| $first/${first}_$2 | foo   | f/f_oo",
        "(?P<first>f)(o+)| $firstx            | foo   | ''",
        "(a)?(b)         | [$1][$2]           | b     | [][b]", // unmatched group is empty
        "(.*)            | no refs            | foo   | no refs",
      })
  void expandsLikeGo(String regex, String template, String src, String expected) {
    Relabeler relabeler = new Relabeler();
    Relabeler.CompiledRule c = new Relabeler.CompiledRule(rule().regex(regex).target("t").build());
    assertThat(c.matches(src)).isTrue();
    assertThat(relabeler.expand(template, src, c)).isEqualTo(expected);
  }
}
