package dev.jalloy.component.common.regex;

import com.google.re2j.JalloyRe2jAccess;
import com.google.re2j.JalloyRe2jAccess.Node;
import java.util.Arrays;

/**
 * A small backtracking matcher for the expressions {@link LinearProof} accepts: anchored at the
 * start, repetitions of single runes only, each followed by something it cannot match itself. On
 * those, backtracking is Perl's leftmost-first order and agrees with re2j on the match and every
 * group (the one disagreement, empty iterations, cannot arise when every repetition consumes one
 * rune), and each backtracking step fails after a constant number of reads, so a match is linear in
 * the input. It replaces {@code java.util.regex} there because a typical log expression spends most
 * of its time in that engine's per-character predicate calls; here a rune test is a bit test.
 *
 * <p>The program is a graph of steps built back to front, each pointing at what follows it; an
 * alternation's branches all end in the step after it. Immutable and safe to share.
 */
final class AnchoredProgram {
  private sealed interface Step {}

  private record Rune(RuneSet set, Step next) implements Step {}

  /**
   * A case-sensitive literal of two or more runes, none a surrogate: its UTF-16 chars must follow
   * exactly, which is the same as matching it rune by rune, at a fraction of the cost.
   */
  private record Text(String text, Step next) implements Step {}

  /** {@code max} -1 means unbounded. */
  private record Repeat(RuneSet set, int min, int max, boolean lazy, Step next) implements Step {}

  private record Alternate(Step[] branches) implements Step {}

  private record Assertion(JalloyRe2jAccess.Kind kind, Step next) implements Step {}

  /** Records the position in group slot {@code slot} (2g for a start, 2g+1 for an end). */
  private record Save(int slot, Step next) implements Step {}

  private record Done() implements Step {}

  private final Step start;

  private AnchoredProgram(Step start) {
    this.start = start;
  }

  /** The program for {@code root}, which {@link LinearProof#of} must have accepted. */
  static AnchoredProgram compile(Node root) {
    return new AnchoredProgram(compile(root, new Done()));
  }

  private static Step compile(Node n, Step next) {
    return switch (n.kind()) {
      case CONCAT -> {
        Step s = next;
        for (int i = n.subs().size() - 1; i >= 0; i--) {
          s = compile(n.subs().get(i), s);
        }
        yield s;
      }
      case CAPTURE ->
          new Save(2 * n.cap(), compile(n.subs().getFirst(), new Save(2 * n.cap() + 1, next)));
      case EMPTY_MATCH -> next;
      case LITERAL -> {
        if (n.runes().length > 1 && !n.foldCase() && noSurrogates(n.runes())) {
          yield new Text(new String(n.runes(), 0, n.runes().length), next);
        }
        Step s = next;
        for (int i = n.runes().length - 1; i >= 0; i--) {
          s = new Rune(literal(n.runes()[i], n.foldCase()), s);
        }
        yield s;
      }
      case CHAR_CLASS, ANY_CHAR, ANY_CHAR_NOT_NL, NO_MATCH -> new Rune(oneRune(n), next);
      case BEGIN_TEXT, END_TEXT, BEGIN_LINE, END_LINE, WORD_BOUNDARY, NO_WORD_BOUNDARY ->
          new Assertion(n.kind(), next);
      case STAR, PLUS, QUEST, REPEAT -> {
        int min =
            switch (n.kind()) {
              case STAR, QUEST -> 0;
              case PLUS -> 1;
              default -> n.min();
            };
        int max =
            switch (n.kind()) {
              case STAR, PLUS -> -1;
              case QUEST -> 1;
              default -> n.max();
            };
        yield new Repeat(oneRune(n.subs().getFirst()), min, max, n.nonGreedy(), next);
      }
      case ALTERNATE ->
          new Alternate(n.subs().stream().map(b -> compile(b, next)).toArray(Step[]::new));
    };
  }

  private static boolean noSurrogates(int[] runes) {
    for (int rune : runes) {
      if (rune >= Character.MIN_SURROGATE && rune <= Character.MAX_SURROGATE) {
        return false;
      }
    }
    return true;
  }

  private static RuneSet oneRune(Node n) {
    return RuneSet.of(LinearProof.oneRuneRanges(n));
  }

  private static RuneSet literal(int rune, boolean foldCase) {
    return RuneSet.of(LinearProof.literalRanges(rune, foldCase));
  }

  /**
   * Matches at {@code from}; on success {@code groups} holds the span of every group (-1 where a
   * group took no part), group 0 first.
   */
  boolean match(CharSequence input, int from, int[] groups) {
    Arrays.fill(groups, -1);
    groups[0] = from;
    if (run(start, input, from, groups)) {
      return true;
    }
    Arrays.fill(groups, -1);
    return false;
  }

  private static boolean run(Step step, CharSequence in, int pos, int[] groups) {
    int n = in.length();
    Step s = step;
    while (true) {
      switch (s) {
        case Rune r -> {
          int width = widthIn(r.set(), in, pos, n);
          if (width == 0) {
            return false;
          }
          pos += width;
          s = r.next();
        }
        case Text t -> {
          if (!textAt(t.text(), in, pos, n)) {
            return false;
          }
          pos += t.text().length();
          s = t.next();
        }
        case Assertion a -> {
          if (!holds(a.kind(), in, pos, n)) {
            return false;
          }
          s = a.next();
        }
        case Save save -> {
          int old = groups[save.slot()];
          groups[save.slot()] = pos;
          if (run(save.next(), in, pos, groups)) {
            return true;
          }
          groups[save.slot()] = old;
          return false;
        }
        case Alternate alt -> {
          for (Step branch : alt.branches()) {
            if (run(branch, in, pos, groups)) {
              return true;
            }
          }
          return false;
        }
        case Repeat rep -> {
          return rep.lazy() ? lazy(rep, in, pos, groups) : greedy(rep, in, pos, groups);
        }
        case Done d -> {
          groups[1] = pos;
          return true;
        }
      }
    }
  }

  private static boolean greedy(Repeat rep, CharSequence in, int start, int[] groups) {
    int n = in.length();
    if (rep.max() < 0 && rep.min() <= 1 && in instanceof String s) {
      int end = rep.set().allButRunEnd(s, start, n);
      if (end >= 0) {
        return greedyTo(rep, in, start, end, groups);
      }
    }
    int pos = rep.set().asciiRunEnd(in, start, n, rep.max()); // the common case, a bit test a char
    int count = pos - start;
    while (rep.max() < 0 || count < rep.max()) {
      int width = widthIn(rep.set(), in, pos, n);
      if (width == 0) {
        break;
      }
      pos += width;
      count++;
    }
    while (count >= rep.min()) {
      if (run(rep.next(), in, pos, groups)) {
        return true;
      }
      if (count == 0) {
        return false;
      }
      pos = oneRuneBack(in, start, pos);
      count--;
    }
    return false;
  }

  /**
   * The greedy backtracking of an unbounded repetition with at most one required rune ({@code *},
   * {@code +}) whose run is known to end at {@code end}: counted in positions, as a count of runes
   * would need the run read char by char.
   */
  private static boolean greedyTo(Repeat rep, CharSequence in, int start, int end, int[] groups) {
    int pos = end;
    while (pos > start || (pos == start && rep.min() == 0)) {
      if (run(rep.next(), in, pos, groups)) {
        return true;
      }
      if (pos == start) {
        return false;
      }
      pos = oneRuneBack(in, start, pos);
    }
    return false;
  }

  /**
   * Where the rune before {@code pos} in a run that started at {@code start} begins: a pair was
   * consumed as one rune whenever both halves were in the run.
   */
  private static int oneRuneBack(CharSequence in, int start, int pos) {
    boolean pair =
        pos - 2 >= start
            && Character.isLowSurrogate(in.charAt(pos - 1))
            && Character.isHighSurrogate(in.charAt(pos - 2));
    return pos - (pair ? 2 : 1);
  }

  private static boolean lazy(Repeat rep, CharSequence in, int start, int[] groups) {
    int n = in.length();
    int pos = start;
    int count = 0;
    while (true) {
      if (count >= rep.min() && run(rep.next(), in, pos, groups)) {
        return true;
      }
      if (rep.max() >= 0 && count >= rep.max()) {
        return false;
      }
      int width = widthIn(rep.set(), in, pos, n);
      if (width == 0) {
        return false;
      }
      pos += width;
      count++;
    }
  }

  private static boolean textAt(String text, CharSequence in, int pos, int n) {
    int length = text.length();
    if (length > n - pos) {
      return false;
    }
    if (in instanceof String string) {
      return string.startsWith(text, pos); // compares the two byte arrays of Latin-1 strings
    }
    for (int i = 0; i < length; i++) {
      if (in.charAt(pos + i) != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many chars the rune at {@code pos} takes when {@code set} holds it (2 for a surrogate
   * pair), else 0; 0 at the end.
   */
  private static int widthIn(RuneSet set, CharSequence in, int pos, int n) {
    if (pos >= n) {
      return 0;
    }
    char c = in.charAt(pos);
    if (c < Character.MIN_HIGH_SURROGATE
        || !Character.isHighSurrogate(c)
        || pos + 1 == n
        || !Character.isLowSurrogate(in.charAt(pos + 1))) {
      return set.contains(c) ? 1 : 0;
    }
    return set.contains(Character.toCodePoint(c, in.charAt(pos + 1))) ? 2 : 0;
  }

  private static boolean holds(JalloyRe2jAccess.Kind kind, CharSequence in, int pos, int n) {
    return switch (kind) {
      case BEGIN_TEXT -> pos == 0;
      case END_TEXT -> pos == n;
      case BEGIN_LINE -> pos == 0 || in.charAt(pos - 1) == '\n';
      case END_LINE -> pos == n || in.charAt(pos) == '\n';
      case WORD_BOUNDARY -> wordBefore(in, pos) != wordAt(in, pos, n);
      case NO_WORD_BOUNDARY -> wordBefore(in, pos) == wordAt(in, pos, n);
      default -> throw new IllegalStateException("not an assertion: " + kind);
    };
  }

  private static boolean wordBefore(CharSequence in, int pos) {
    return pos > 0 && isWord(in.charAt(pos - 1));
  }

  private static boolean wordAt(CharSequence in, int pos, int n) {
    return pos < n && isWord(in.charAt(pos));
  }

  private static boolean isWord(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
}
