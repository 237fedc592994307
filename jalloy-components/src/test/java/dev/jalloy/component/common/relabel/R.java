package dev.jalloy.component.common.relabel;

import java.util.List;

/** Rules for tables: Alloy's defaults, then the fields a case sets, named as in Alloy. */
record R(
    List<String> sourceLabels,
    String separator,
    String regex,
    long modulus,
    String targetLabel,
    String replacement,
    String action) {

  static R rule() {
    Rule d = Rule.defaults();
    return new R(
        d.sourceLabels(),
        d.separator(),
        d.regex(),
        d.modulus(),
        d.targetLabel(),
        d.replacement(),
        d.action());
  }

  R source(String... names) {
    return new R(List.of(names), separator, regex, modulus, targetLabel, replacement, action);
  }

  R separator(String s) {
    return new R(sourceLabels, s, regex, modulus, targetLabel, replacement, action);
  }

  R regex(String r) {
    return new R(sourceLabels, separator, r, modulus, targetLabel, replacement, action);
  }

  R modulus(long m) {
    return new R(sourceLabels, separator, regex, m, targetLabel, replacement, action);
  }

  R target(String t) {
    return new R(sourceLabels, separator, regex, modulus, t, replacement, action);
  }

  R replacement(String r) {
    return new R(sourceLabels, separator, regex, modulus, targetLabel, r, action);
  }

  R action(String a) {
    return new R(sourceLabels, separator, regex, modulus, targetLabel, replacement, a);
  }

  Rule build() {
    return new Rule(sourceLabels, separator, regex, modulus, targetLabel, replacement, action);
  }
}
