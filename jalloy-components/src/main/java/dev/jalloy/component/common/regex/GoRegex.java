package dev.jalloy.component.common.regex;

import com.google.re2j.JalloyRe2jAccess;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * A Go RE2 regular expression that matches faster than re2j alone, with re2j's answers.
 *
 * <p>It always compiles the expression with re2j: Go's syntax, re2j's error text, its groups. When
 * the expression translates exactly into {@code java.util.regex} ({@link JavaTranslation} says
 * which do), it also compiles the translation, and {@link GoMatcher} tries that first: a
 * backtracking match of a typical log expression over a short line costs about a twentieth of
 * re2j's NFA (LogPipelineBenchmark). Backtracking can take exponential time ({@code (a+)+$}), so
 * every Java match runs on a budget of character reads proportional to the input; past it the match
 * is abandoned and re2j answers, so the worst case stays linear. Anchored expressions that {@link
 * LinearProof} shows need no budget skip both engines: an {@link AnchoredProgram} matches them.
 * When re2j answers it reports every group in one pass.
 *
 * <p>Immutable and safe to share; a {@link GoMatcher} is for one thread.
 */
public final class GoRegex {
  private final Pattern re2j;
  private final java.util.regex.Pattern javaPattern; // null: re2j only
  private final boolean deepLoops;
  private final AnchoredProgram program; // null: not proved linear
  private final String translation;

  private GoRegex(
      Pattern re2j, Optional<JavaTranslation.Result> translation, AnchoredProgram program) {
    this.re2j = re2j;
    this.program = program;
    this.javaPattern =
        translation.map(t -> java.util.regex.Pattern.compile(t.regex())).orElse(null);
    this.deepLoops = translation.map(JavaTranslation.Result::deepLoops).orElse(false);
    this.translation = translation.map(JavaTranslation.Result::regex).orElse(null);
  }

  /**
   * Compiles a Go RE2 expression.
   *
   * @throws PatternSyntaxException as re2j's {@code Pattern.compile} does, with its text
   */
  public static GoRegex compile(String expression) {
    return of(Pattern.compile(expression));
  }

  /** Wraps an already compiled re2j pattern; one compiled with flags is matched by re2j alone. */
  public static GoRegex of(Pattern pattern) {
    Optional<JavaTranslation.Result> translation;
    AnchoredProgram program = null;
    try {
      Optional<JalloyRe2jAccess.Node> tree = JalloyRe2jAccess.parseTree(pattern);
      translation = tree.flatMap(JavaTranslation::of);
      if (tree.isPresent() && LinearProof.of(tree.get())) {
        program = AnchoredProgram.compile(tree.get());
      }
      if (translation.isPresent()
          && java.util.regex.Pattern.compile(translation.get().regex()).matcher("").groupCount()
              != pattern.groupCount()) {
        translation = Optional.empty();
      }
    } catch (RuntimeException e) {
      // a translation Java rejects is a bug of ours; re2j still matches correctly
      translation = Optional.empty();
    }
    return new GoRegex(pattern, translation, program);
  }

  /** The re2j pattern. */
  public Pattern re2j() {
    return re2j;
  }

  /** The expression as written. */
  public String expression() {
    return re2j.pattern();
  }

  /** How many capturing groups there are. */
  public int groupCount() {
    return re2j.groupCount();
  }

  /** Group index by name, for {@code (?P<name>...)} groups. */
  public Map<String, Integer> namedGroups() {
    return re2j.namedGroups();
  }

  /** The {@code java.util.regex} expression that is tried first, if the expression has one. */
  public Optional<String> javaTranslation() {
    return Optional.ofNullable(translation);
  }

  /** A matcher for one thread, reusable across inputs. */
  public GoMatcher matcher() {
    return new GoMatcher(this);
  }

  java.util.regex.Pattern javaPattern() {
    return javaPattern;
  }

  boolean deepLoops() {
    return deepLoops;
  }

  /** The matcher for an expression {@link LinearProof} accepted, or null. */
  AnchoredProgram program() {
    return program;
  }

  /** Whether the expression is matched by its own {@link AnchoredProgram}. */
  boolean linear() {
    return program != null;
  }

  @Override
  public String toString() {
    return re2j.pattern();
  }
}
