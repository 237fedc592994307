package dev.jalloy.component.common.regex;

import com.google.re2j.JalloyRe2jAccess;
import com.google.re2j.JalloyRe2jAccess.Kind;
import com.google.re2j.JalloyRe2jAccess.Node;
import java.util.Optional;

/**
 * Translates re2j's parse tree into a {@code java.util.regex} expression that finds the same
 * matches and submatches, or refuses.
 *
 * <p>For leftmost-first matching, RE2 is specified to agree with a backtracking (Perl) engine on
 * every submatch except in one place: a repetition whose operand can match the empty string ({@code
 * (a*)*}, {@code (|a)+}, {@code (\b)*}). Perl and Java stop a loop at an empty iteration, RE2's NFA
 * drops the thread that would repeat it, so they disagree on the groups and sometimes on the match
 * ({@code (?:|a)*} on {@code aa}: Java "", RE2 "aa"). Those are refused, and so are groups inside a
 * repetition inside a repetition: Java reports a stale inner group there ({@code ((c){1,2})*} on
 * {@code cccc} gives group 2 the second c, RE2 the fourth). Everything else is spelled out so that
 * no Java default applies: every rune as {@code \x{...}} (no Java escape or flag meaning), {@code
 * .} as {@code [^\n]} (Java's excludes {@code \r} and Unicode line ends), {@code $} as {@code \z},
 * {@code (?m)^}/{@code $} and {@code \b} as lookarounds on {@code \n} and the ASCII word characters
 * (Java's {@code (?m)^} never matches after a final newline, its {@code \b} is Unicode), case
 * folding as the classes re2j's fold orbits give.
 *
 * <p>Inputs holding surrogates are left to re2j by {@link GoMatcher}: Java's search may start
 * inside a surrogate pair, re2j's never does.
 */
final class JavaTranslation {
  private static final String WORD = "[0-9A-Za-z_]";
  private static final int MAX_RUNE = 0x10FFFF;
  private static final String ANY = "[\\x{0}-\\x{10ffff}]";

  /**
   * The translation.
   *
   * @param regex the {@code java.util.regex} expression
   * @param deepLoops whether it repeats something other than one character without bound; Java
   *     recurses once per iteration of such a loop, so long inputs go to re2j
   */
  record Result(String regex, boolean deepLoops) {}

  private final StringBuilder out = new StringBuilder();
  private int nextCap = 1;
  private int repetitionDepth;
  private boolean deepLoops;

  private JavaTranslation() {}

  static Optional<Result> of(Node root) {
    JavaTranslation t = new JavaTranslation();
    if (!t.emit(root)) {
      return Optional.empty();
    }
    return Optional.of(new Result(t.out.toString(), t.deepLoops));
  }

  /** Appends {@code n} as an expression safe to concatenate; false when it cannot. */
  private boolean emit(Node n) {
    switch (n.kind()) {
      case NO_MATCH -> out.append("(?!)");
      case EMPTY_MATCH -> out.append("(?:)");
      case LITERAL -> {
        if (n.runes().length != 1) {
          out.append("(?:");
        }
        for (int r : n.runes()) {
          literal(r, n.foldCase());
        }
        if (n.runes().length != 1) {
          out.append(')');
        }
      }
      case CHAR_CLASS -> charClass(n.runes());
      case ANY_CHAR_NOT_NL -> out.append("[^\\n]");
      case ANY_CHAR -> out.append(ANY);
      case BEGIN_TEXT -> out.append("\\A");
      case END_TEXT -> out.append("\\z");
      case BEGIN_LINE -> out.append("(?:\\A|(?<=\\n))");
      case END_LINE -> out.append("(?=\\n|\\z)");
      case WORD_BOUNDARY ->
          out.append("(?:(?<=")
              .append(WORD)
              .append(")(?!")
              .append(WORD)
              .append(")|(?<!")
              .append(WORD)
              .append(")(?=")
              .append(WORD)
              .append("))");
      case NO_WORD_BOUNDARY ->
          out.append("(?:(?<=")
              .append(WORD)
              .append(")(?=")
              .append(WORD)
              .append(")|(?<!")
              .append(WORD)
              .append(")(?!")
              .append(WORD)
              .append("))");
      case CAPTURE -> {
        if (n.cap() != nextCap++ || n.subs().size() != 1 || repetitionDepth > 0) {
          return false;
        }
        out.append('(');
        if (!emit(n.subs().getFirst())) {
          return false;
        }
        out.append(')');
      }
      case STAR, PLUS, QUEST, REPEAT -> {
        return repetition(n);
      }
      case CONCAT -> {
        out.append("(?:");
        for (Node sub : n.subs()) {
          if (!emit(sub)) {
            return false;
          }
        }
        out.append(')');
      }
      case ALTERNATE -> {
        out.append("(?:");
        for (int i = 0; i < n.subs().size(); i++) {
          if (i > 0) {
            out.append('|');
          }
          if (!emit(n.subs().get(i))) {
            return false;
          }
        }
        out.append(')');
      }
    }
    return true;
  }

  private boolean repetition(Node n) {
    if (n.subs().size() != 1) {
      return false;
    }
    Node sub = n.subs().getFirst();
    if (nullable(sub)) {
      return false; // the one place RE2 and backtracking engines disagree
    }
    if (n.kind() == Kind.REPEAT && (n.min() < 0 || (n.max() != -1 && n.max() < n.min()))) {
      return false;
    }
    boolean unbounded =
        n.kind() == Kind.STAR
            || n.kind() == Kind.PLUS
            || (n.kind() == Kind.REPEAT && (n.max() == -1 || n.max() > 100));
    if (unbounded && !oneRune(sub)) {
      deepLoops = true;
    }
    boolean atom = oneRune(sub) || sub.kind() == Kind.CAPTURE;
    if (!atom) {
      out.append("(?:");
    }
    // Java matches a quantified group of fixed length as one unit (GroupCurly) and does not undo
    // the groups inside it when it backs off: only a group that is itself the operand, with no
    // group inside, keeps its right value under a loop.
    boolean directGroup =
        sub.kind() == Kind.CAPTURE && n.kind() != Kind.QUEST && !hasCapture(sub.subs().getFirst());
    int depth = n.kind() == Kind.QUEST || directGroup ? 0 : 1;
    repetitionDepth += depth;
    boolean ok = emit(sub);
    repetitionDepth -= depth;
    if (!ok) {
      return false;
    }
    if (!atom) {
      out.append(')');
    }
    switch (n.kind()) {
      case STAR -> out.append('*');
      case PLUS -> out.append('+');
      case QUEST -> out.append('?');
      default -> {
        out.append('{').append(n.min());
        if (n.max() != n.min()) {
          out.append(',');
          if (n.max() != -1) {
            out.append(n.max());
          }
        }
        out.append('}');
      }
    }
    if (n.nonGreedy()) {
      out.append('?');
    }
    return true;
  }

  private static boolean hasCapture(Node n) {
    return n.kind() == Kind.CAPTURE || n.subs().stream().anyMatch(JavaTranslation::hasCapture);
  }

  /** Whether {@code n} can match the empty string (zero-width assertions included). */
  static boolean nullable(Node n) {
    return switch (n.kind()) {
      case NO_MATCH, CHAR_CLASS, ANY_CHAR, ANY_CHAR_NOT_NL -> false;
      case LITERAL -> n.runes().length == 0;
      case EMPTY_MATCH,
          BEGIN_LINE,
          END_LINE,
          BEGIN_TEXT,
          END_TEXT,
          WORD_BOUNDARY,
          NO_WORD_BOUNDARY,
          STAR,
          QUEST ->
          true;
      case CAPTURE, PLUS -> n.subs().stream().allMatch(JavaTranslation::nullable);
      case REPEAT -> n.min() == 0 || n.subs().stream().allMatch(JavaTranslation::nullable);
      case CONCAT -> n.subs().stream().allMatch(JavaTranslation::nullable);
      case ALTERNATE -> n.subs().stream().anyMatch(JavaTranslation::nullable);
    };
  }

  /**
   * Whether {@code n} always matches exactly one rune (Java loops over those without recursing).
   */
  private static boolean oneRune(Node n) {
    return switch (n.kind()) {
      case CHAR_CLASS, ANY_CHAR, ANY_CHAR_NOT_NL -> true;
      case LITERAL -> n.runes().length == 1;
      default -> false;
    };
  }

  private void literal(int r, boolean foldCase) {
    int[] orbit = foldCase ? JalloyRe2jAccess.foldOrbit(r) : new int[] {r};
    if (orbit.length == 1) {
      rune(r);
      return;
    }
    out.append('[');
    for (int f : orbit) {
      rune(f);
    }
    out.append(']');
  }

  private void charClass(int[] ranges) {
    if (ranges.length == 0) {
      out.append("[^\\x{0}-\\x{10ffff}]"); // matches nothing, and is an atom a quantifier takes
      return;
    }
    if (ranges.length == 2 && ranges[0] == 0 && ranges[1] == MAX_RUNE) {
      out.append(ANY);
      return;
    }
    if (ranges[0] == 0 && ranges[ranges.length - 1] == MAX_RUNE && sortedApart(ranges)) {
      // a negated class such as [^"]: spell out the complement, a short list Java tests fast
      out.append("[^");
      for (int i = 1; i + 1 < ranges.length; i += 2) {
        range(ranges[i] + 1, ranges[i + 1] - 1);
      }
      out.append(']');
      return;
    }
    out.append('[');
    for (int i = 0; i + 1 < ranges.length; i += 2) {
      if (ranges[i + 1] < 0x80 && ranges[i + 1] - ranges[i] < 26) {
        // single ASCII characters make one bit set in Java, tested with one lookup
        for (int c = ranges[i]; c <= ranges[i + 1]; c++) {
          rune(c);
        }
      } else {
        range(ranges[i], ranges[i + 1]);
      }
    }
    out.append(']');
  }

  /** Whether the ranges ascend with a gap between each and the next. */
  private static boolean sortedApart(int[] ranges) {
    for (int i = 1; i + 1 < ranges.length; i += 2) {
      if (ranges[i + 1] <= ranges[i] + 1 || ranges[i] < ranges[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private void range(int lo, int hi) {
    rune(lo);
    if (hi != lo) {
      out.append('-');
      rune(hi);
    }
  }

  private void rune(int r) {
    if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
      out.append((char) r);
    } else {
      out.append("\\x{").append(Integer.toHexString(r)).append('}');
    }
  }
}
