package dev.jalloy.component.common.relabel;

import java.util.List;

/**
 * Alloy's {@code RelabelRules} capsule: the rules a relabeling component exports as {@code rules},
 * for another component to accept (e.g. {@code prometheus.scrape}'s consumers or {@code
 * loki.source.journal}'s {@code relabel_rules}). It carries no {@code @Attr} annotations on
 * purpose, so that it crosses the configuration as a capsule and configuration code cannot take it
 * apart, as in Alloy.
 *
 * @param rules the rules, in order
 */
public record RelabelRules(List<Rule> rules) {
  public RelabelRules {
    rules = List.copyOf(rules);
  }

  @Override
  public String toString() {
    return "RelabelRules" + rules;
  }
}
