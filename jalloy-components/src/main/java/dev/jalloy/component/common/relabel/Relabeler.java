package dev.jalloy.component.common.relabel;

import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.model.Labels;
import dev.jalloy.syntax.go.GoStrings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies relabel rules to label sets, as Prometheus' {@code model/relabel/relabel.go} {@code
 * Process} does.
 *
 * <p>A relabeler is for one thread at a time: it keeps the state that makes {@link #process} cheap
 * — compiled rules, a reusable {@link Labels.Builder}, matchers, an MD5 digest. Rules are compiled
 * when a rule list is seen for the first time (by identity), so a component passes the same list on
 * every call and compiles once per update. The builder is filled only when a rule writes: a
 * pipeline of {@code keep}/{@code drop} rules, or a {@code replace} that finds nothing to do,
 * returns its input instance and allocates no label set.
 *
 * <p>One known difference: {@code labelmap}, {@code labeldrop} and {@code labelkeep} visit labels
 * in name order, where Prometheus visits the original labels first and labels added by earlier
 * rules after them. It shows only when two labels map to one name in a single {@code labelmap}.
 */
public final class Relabeler {
  private final Labels.Builder builder = Labels.builder();
  private final StringBuilder joined = new StringBuilder();
  private final StringBuilder expanded = new StringBuilder();
  private MessageDigest md5;

  private List<Rule> compiledFor;
  private CompiledRule[] compiled = new CompiledRule[0];

  // State of the current process() call.
  private Labels input = Labels.EMPTY;
  private boolean mutated;

  /**
   * Applies {@code rules} in order.
   *
   * @return the relabeled labels (the very {@code labels} instance when no rule changed anything),
   *     or empty when a rule dropped them
   * @throws IllegalArgumentException when a rule is invalid ({@link Rule#validate()}); checked when
   *     the list is compiled, before any label is touched
   */
  public Optional<Labels> process(Labels labels, List<Rule> rules) {
    if (rules != compiledFor) {
      compiled = compile(rules);
      compiledFor = rules;
    }
    input = labels;
    mutated = false;
    try {
      for (CompiledRule rule : compiled) {
        if (!apply(rule)) {
          return Optional.empty();
        }
      }
      return Optional.of(mutated ? builder.build() : labels);
    } finally {
      input = Labels.EMPTY;
    }
  }

  /** Validates and compiles rules. */
  static CompiledRule[] compile(List<Rule> rules) {
    CompiledRule[] out = new CompiledRule[rules.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new CompiledRule(rules.get(i));
    }
    return out;
  }

  /** One rule, ready to run: its action resolved, regex compiled, matcher reusable. */
  static final class CompiledRule {
    final Rule rule;
    final Action action;
    final GoMatcher matcher;
    final Map<String, Integer> namedGroups;
    final String[] sourceLabels;

    CompiledRule(Rule rule) {
      rule.validate();
      this.rule = rule;
      this.action = rule.parsedAction().orElseThrow();
      // anchored at both ends as Prometheus compiles it, so most rules take GoRegex's own program
      GoRegex regex = GoRegex.of(Rule.compileRegex(rule.regex()));
      this.matcher = regex.matcher();
      this.namedGroups = regex.namedGroups();
      this.sourceLabels = rule.sourceLabels().toArray(new String[0]);
    }

    /** A match of the whole of {@code s}: the expression is {@code ^(?:...)$}, as Prometheus's. */
    boolean matches(String s) {
      return matcher.find(s);
    }
  }

  /** Returns false when the rule drops the labels. */
  private boolean apply(CompiledRule c) {
    Rule rule = c.rule;
    String val = sourceValue(c);
    switch (c.action) {
      case DROP -> {
        return !c.matches(val);
      }
      case KEEP -> {
        return c.matches(val);
      }
      case DROPEQUAL -> {
        return !get(rule.targetLabel()).equals(val);
      }
      case KEEPEQUAL -> {
        return get(rule.targetLabel()).equals(val);
      }
      case REPLACE -> replace(c, val);
      case LOWERCASE -> set(rule.targetLabel(), GoStrings.toLower(val));
      case UPPERCASE -> set(rule.targetLabel(), GoStrings.toUpper(val));
      case HASHMOD -> set(rule.targetLabel(), hashmod(val, rule.modulus()));
      case LABELMAP -> {
        // Prometheus ranges over a snapshot: labels written here are not visited again.
        Labels snapshot = current();
        for (int i = 0; i < snapshot.size(); i++) {
          String name = snapshot.name(i);
          if (c.matches(name)) {
            set(expand(rule.replacement(), name, c), snapshot.value(i));
          }
        }
      }
      case LABELDROP, LABELKEEP -> {
        boolean dropMatching = c.action == Action.LABELDROP;
        Labels snapshot = current();
        for (int i = 0; i < snapshot.size(); i++) {
          String name = snapshot.name(i);
          if (c.matches(name) == dropMatching) {
            delete(name);
          }
        }
      }
    }
    return true;
  }

  private void replace(CompiledRule c, String val) {
    if (!c.matches(val)) {
      return; // no match, no replacement
    }
    String target = expand(c.rule.targetLabel(), val, c);
    if (!Rule.isLabelName(target)) {
      return;
    }
    String value = expand(c.rule.replacement(), val, c);
    if (value.isEmpty()) {
      delete(target);
    } else {
      set(target, value);
    }
  }

  /** The source labels' values joined by the separator; a missing label counts as "". */
  private String sourceValue(CompiledRule c) {
    String[] names = c.sourceLabels;
    if (names.length == 0) {
      return "";
    }
    if (names.length == 1) {
      return get(names[0]);
    }
    joined.setLength(0);
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        joined.append(c.rule.separator());
      }
      joined.append(get(names[i]));
    }
    return joined.toString();
  }

  /**
   * {@code md5(val)}, its last 8 bytes read as a big-endian unsigned 64-bit number, modulo {@code
   * modulus}: Prometheus' hashmod, so that jalloy and Prometheus shard targets alike.
   */
  String hashmod(String val, long modulus) {
    if (md5 == null) {
      try {
        md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has MD5", e);
      }
    }
    byte[] sum = md5.digest(val.getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 8; i < 16; i++) {
      v = (v << 8) | (sum[i] & 0xff);
    }
    return Long.toUnsignedString(Long.remainderUnsigned(v, modulus));
  }

  /**
   * Expands {@code template} with the groups of the last match of {@code c} against {@code src}, as
   * Go's {@code Regexp.ExpandString}: {@code $$} is a dollar; {@code $name} takes the longest run
   * of letters, digits and underscores as the name ({@code $1x} is the group named {@code 1x});
   * {@code ${name}} delimits it; a name of digits is a group number (no leading zeros), others are
   * group names; an unknown group expands to nothing; a {@code $} not followed by a name is kept.
   * re2j's {@code appendReplacement} differs (it stops {@code $1x} after the digits and throws on
   * unknown groups), hence this.
   */
  String expand(String template, String src, CompiledRule c) {
    int dollar = template.indexOf('$');
    if (dollar < 0) {
      return template;
    }
    StringBuilder dst = expanded;
    dst.setLength(0);
    int pos = 0;
    while (dollar >= 0) {
      dst.append(template, pos, dollar);
      pos = dollar + 1;
      if (pos < template.length() && template.charAt(pos) == '$') {
        dst.append('$');
        pos++;
      } else {
        int end = referenceEnd(template, pos);
        if (end < 0) {
          dst.append('$'); // malformed: the dollar is text
        } else {
          boolean brace = template.charAt(pos) == '{';
          String name = brace ? template.substring(pos + 1, end - 1) : template.substring(pos, end);
          appendGroup(dst, name, src, c);
          pos = end;
        }
      }
      dollar = template.indexOf('$', pos);
    }
    dst.append(template, pos, template.length());
    return dst.toString();
  }

  /**
   * Where the reference starting at {@code from} (just after a {@code $}) ends, or -1 when there is
   * none: Go's {@code extract}.
   */
  private static int referenceEnd(String s, int from) {
    int i = from;
    boolean brace = i < s.length() && s.charAt(i) == '{';
    if (brace) {
      i++;
    }
    int start = i;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
        break;
      }
      i += Character.charCount(cp);
    }
    if (i == start) {
      return -1; // an empty name is not a reference
    }
    if (brace) {
      if (i >= s.length() || s.charAt(i) != '}') {
        return -1; // missing closing brace
      }
      i++;
    }
    return i;
  }

  private static void appendGroup(StringBuilder dst, String name, String src, CompiledRule c) {
    int group = groupNumber(name);
    if (group < 0) {
      Integer named = c.namedGroups.get(name);
      if (named == null) {
        return;
      }
      group = named;
    }
    if (group > c.matcher.groupCount()) {
      return;
    }
    int start = c.matcher.start(group);
    if (start >= 0) {
      dst.append(src, start, c.matcher.end(group));
    }
  }

  /** The group number a name of ASCII digits spells, or -1 (leading zeros, too large, a name). */
  private static int groupNumber(String name) {
    int num = 0;
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch < '0' || ch > '9' || num >= 100_000_000) {
        return -1;
      }
      num = num * 10 + (ch - '0');
    }
    if (name.charAt(0) == '0' && name.length() > 1) {
      return -1;
    }
    return num;
  }

  private String get(String name) {
    return mutated ? builder.get(name) : input.get(name);
  }

  private Labels current() {
    return mutated ? builder.build() : input;
  }

  /** Sets a label; an empty value deletes it. Writing what is there already changes nothing. */
  private void set(String name, String value) {
    if (value.equals(get(name))) {
      return;
    }
    materialize();
    builder.set(name, value);
  }

  private void delete(String name) {
    if (!mutated && !input.has(name)) {
      return;
    }
    materialize();
    builder.delete(name);
  }

  private void materialize() {
    if (mutated) {
      return;
    }
    builder.reset();
    for (int i = 0; i < input.size(); i++) {
      builder.set(input.name(i), input.value(i));
    }
    mutated = true;
  }
}
