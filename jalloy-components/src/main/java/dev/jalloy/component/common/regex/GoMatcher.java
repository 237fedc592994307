package dev.jalloy.component.common.regex;

import com.google.re2j.JalloyRe2jAccess;
import java.util.Arrays;

/**
 * Finds matches of a {@link GoRegex}, with re2j's answers: the leftmost-first match and the span of
 * every group. Reusable: each {@link #find} replaces the previous result. Not thread-safe; keep one
 * per thread (a stage owns one).
 */
public final class GoMatcher {
  /** Character reads a Java match may make per input character, before re2j takes over. */
  static final int BUDGET_PER_CHAR = 100;

  /** Character reads every Java match may make on top of the per-character budget. */
  static final int BUDGET_BASE = 1000;

  /** Inputs longer than this go to re2j when the Java translation recurses per loop iteration. */
  static final int DEEP_LOOP_MAX_LENGTH = 512;

  private final GoRegex regex;
  private final int[] groups;
  private final java.util.regex.Matcher java;
  private final BudgetedChars chars = new BudgetedChars();
  private CharSequence input = "";
  private boolean matched;
  private long javaTries;
  private long javaAborts;
  private boolean javaOff;

  GoMatcher(GoRegex regex) {
    this.regex = regex;
    this.groups = new int[2 * (regex.groupCount() + 1)];
    this.java = regex.javaPattern() == null ? null : regex.javaPattern().matcher("");
  }

  /** Finds the first match in {@code input}. */
  public boolean find(CharSequence input) {
    return find(input, 0);
  }

  /**
   * Finds the first match in {@code input} that starts at or after {@code from}; assertions such as
   * {@code ^} and {@code \b} still see the whole input, as re2j's {@code Matcher.find(int)}.
   */
  public boolean find(CharSequence input, int from) {
    this.input = input;
    matched = false;
    if (from < 0 || from > input.length()) {
      return false;
    }
    if (regex.program() != null) {
      matched = regex.program().match(input, from, groups);
      return matched;
    }
    if (useJava(input)) {
      javaTries++;
      chars.reset(input, (long) BUDGET_PER_CHAR * (input.length() - from) + BUDGET_BASE);
      try {
        java.reset(chars);
        if (java.find(from)) {
          for (int g = 0; g * 2 < groups.length; g++) {
            groups[2 * g] = java.start(g);
            groups[2 * g + 1] = java.end(g);
          }
          matched = true;
        }
        return matched;
      } catch (BudgetExceeded | StackOverflowError e) {
        // backtracking went too far: re2j answers this one, in linear time
        javaAborts++;
        if (javaAborts > 32 && javaAborts * 8 > javaTries) {
          javaOff = true; // this expression keeps exhausting its budget on this input
        }
      } finally {
        chars.reset("", 0);
        java.reset("");
      }
    }
    Arrays.fill(groups, -1);
    matched = JalloyRe2jAccess.find(regex.re2j(), input, from, groups);
    return matched;
  }

  private boolean useJava(CharSequence input) {
    if (java == null || javaOff) {
      return false;
    }
    int n = input.length();
    if (regex.deepLoops() && n > DEEP_LOOP_MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = input.charAt(i);
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        return false;
      }
    }
    return true;
  }

  /** How many groups the expression has, group 0 not counted. */
  public int groupCount() {
    return groups.length / 2 - 1;
  }

  /** Where group {@code g} of the last match starts, -1 when it took no part. */
  public int start(int g) {
    checkMatched();
    return groups[2 * g];
  }

  /** Where group {@code g} of the last match ends, -1 when it took no part. */
  public int end(int g) {
    checkMatched();
    return groups[2 * g + 1];
  }

  /** The text of group {@code g} of the last match, null when it took no part. */
  public String group(int g) {
    int start = start(g);
    return start < 0 ? null : input.subSequence(start, groups[2 * g + 1]).toString();
  }

  private void checkMatched() {
    if (!matched) {
      throw new IllegalStateException("no match");
    }
  }

  /** Thrown when a Java match has read its budget of characters. */
  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final BudgetExceeded INSTANCE = new BudgetExceeded();

    private BudgetExceeded() {
      super("regex budget exceeded", null, false, false);
    }
  }

  /** The input as {@code java.util.regex} reads it, one budgeted character at a time. */
  private static final class BudgetedChars implements CharSequence {
    private CharSequence text = "";
    private long remaining;

    void reset(CharSequence text, long budget) {
      this.text = text;
      this.remaining = budget;
    }

    @Override
    public char charAt(int index) {
      if (--remaining < 0) {
        throw BudgetExceeded.INSTANCE;
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
