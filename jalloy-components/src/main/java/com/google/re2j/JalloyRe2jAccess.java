package com.google.re2j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * jalloy's window into re2j 1.8's package-private API, for {@code
 * dev.jalloy.component.common.regex.GoRegex}. It lives in re2j's package because what it needs is
 * package-private: one matching pass that reports every submatch ({@link Matcher#find} followed by
 * {@link Matcher#group(int)} runs the NFA twice, once for group 0 and again for the groups), and
 * the parse tree that re2j compiles, which jalloy translates to {@code java.util.regex} for the
 * expressions where that is exact. jalloy runs on the class path (no module-info), where a class of
 * ours may join re2j's package; a re2j upgrade that changes these internals breaks the build or
 * {@code GoRegexTest}, not production silently.
 *
 * <p>Not part of re2j; written for jalloy.
 */
public final class JalloyRe2jAccess {
  private JalloyRe2jAccess() {}

  /**
   * Finds the leftmost-first match of {@code pattern} in {@code input} at or after {@code from},
   * with all its submatches, in one pass.
   *
   * @param groups receives start and end of each group (group 0 first), -1 for a group that took no
   *     part; its length must be {@code 2 * (pattern.groupCount() + 1)}
   * @return whether there is a match; {@code groups} is unchanged when there is none
   */
  public static boolean find(Pattern pattern, CharSequence input, int from, int[] groups) {
    return pattern
        .re2()
        .match(input, from, input.length(), RE2.UNANCHORED, groups, groups.length / 2);
  }

  /** The operators of re2j's parse tree, as {@code Regexp.Op} names them. */
  public enum Kind {
    /** Matches nothing. */
    NO_MATCH,
    /** Matches the empty string. */
    EMPTY_MATCH,
    /** A sequence of runes. */
    LITERAL,
    /** A set of rune ranges. */
    CHAR_CLASS,
    /** Any rune but {@code \n}. */
    ANY_CHAR_NOT_NL,
    /** Any rune. */
    ANY_CHAR,
    /** {@code ^} under {@code (?m)}. */
    BEGIN_LINE,
    /** {@code $} under {@code (?m)}. */
    END_LINE,
    /** {@code ^} or {@code \A}. */
    BEGIN_TEXT,
    /** {@code $} or {@code \z}. */
    END_TEXT,
    /** {@code \b}, ASCII. */
    WORD_BOUNDARY,
    /** {@code \B}, ASCII. */
    NO_WORD_BOUNDARY,
    /** A capturing group. */
    CAPTURE,
    /** {@code x*}. */
    STAR,
    /** {@code x+}. */
    PLUS,
    /** {@code x?}. */
    QUEST,
    /** {@code x{min,max}}; max -1 means unbounded. */
    REPEAT,
    /** A concatenation. */
    CONCAT,
    /** An alternation, leftmost first. */
    ALTERNATE
  }

  /**
   * A node of re2j's parse tree (before simplification), copied out.
   *
   * @param kind the operator
   * @param foldCase for literals: match case-insensitively (character classes come folded)
   * @param nonGreedy for repetitions: lazy
   * @param runes literal runes, or character class ranges as lo, hi pairs
   * @param min repetition minimum
   * @param max repetition maximum, -1 for none
   * @param cap capture index, 1-based
   * @param subs operands
   */
  public record Node(
      Kind kind,
      boolean foldCase,
      boolean nonGreedy,
      int[] runes,
      int min,
      int max,
      int cap,
      List<Node> subs) {}

  /**
   * The parse tree re2j compiled {@code pattern} from, or empty when the pattern was compiled with
   * flags (their effect is not all in the tree) or holds an operator this copy does not know.
   */
  public static Optional<Node> parseTree(Pattern pattern) {
    if (pattern.flags() != 0 || pattern.re2().longest) {
      return Optional.empty();
    }
    Regexp re;
    try {
      re = Parser.parse(pattern.re2().expr, RE2.PERL);
    } catch (PatternSyntaxException e) {
      return Optional.empty(); // cannot happen: the same expression compiled
    }
    return copy(re);
  }

  private static Optional<Node> copy(Regexp re) {
    Kind kind;
    try {
      kind = Kind.valueOf(re.op.name());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    List<Node> subs = new ArrayList<>();
    if (re.subs != null) {
      for (Regexp sub : re.subs) {
        Optional<Node> n = copy(sub);
        if (n.isEmpty()) {
          return Optional.empty();
        }
        subs.add(n.get());
      }
    }
    return Optional.of(
        new Node(
            kind,
            (re.flags & RE2.FOLD_CASE) != 0,
            (re.flags & RE2.NON_GREEDY) != 0,
            re.runes == null ? new int[0] : re.runes.clone(),
            re.min,
            re.max,
            re.cap,
            List.copyOf(subs)));
  }

  /**
   * The runes {@code r} matches case-insensitively under Unicode simple folding, {@code r} first.
   */
  public static int[] foldOrbit(int r) {
    List<Integer> orbit = new ArrayList<>();
    orbit.add(r);
    for (int f = Unicode.simpleFold(r); f != r; f = Unicode.simpleFold(f)) {
      orbit.add(f);
    }
    return orbit.stream().mapToInt(Integer::intValue).toArray();
  }
}
