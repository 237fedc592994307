package dev.jalloy.component.common.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GoRegex} must answer exactly as re2j does: whether there is a match, and the span of every
 * group, for the first match and for each following one as re2j's {@code Matcher.find()} walks the
 * input.
 */
class GoRegexTest {
  private static final String CRI_MESSAGE = "level=info msg=\"request served\" status=200";
  private static final String LOG_EXPRESSION =
      "^level=(?P<level>\\w+) msg=\"(?P<msg>[^\"]*)\" status=(?P<status>\\d+)";

  private static final List<String> INPUTS =
      List.of(
          "",
          "a",
          "aa",
          "ab",
          "abc",
          "abcabc",
          "aab",
          "ba",
          "bc",
          "xyz",
          "a\nb",
          "a\n",
          "\n",
          "\nab\n\n",
          "foo bar\tbaz\u000bqux\fquux\r\n",
          "ab\u000bcd",
          "café Ünïcödé ſ K k",
          "x\uD83D\uDE00y",
          "\uD83D\uDE00",
          "lone \uD800 high",
          "lone \uDC00 low",
          "AbC aBc ABC",
          "123 4567 89",
          "key=value other=\"quoted value\" n=42",
          "a_b-c.d",
          "aaaaaaaaab",
          CRI_MESSAGE,
          "level=warn msg=\"\" status=500 extra",
          "  level=info msg=\"x\" status=1");

  /** Expressions chosen where backtracking and RE2 could differ, or where Java's syntax does. */
  private static final List<String> EXPRESSIONS =
      List.of(
          LOG_EXPRESSION,
          "a|ab",
          "ab|a",
          "(a|ab)(c|bcd)?(d*)",
          "(a*)",
          "(a*)*",
          "(a*)+",
          "(a|)+",
          "(|a)*",
          "(?:|a)*",
          "(a?)*?",
          "(a+)(b)?",
          "(a)|(b)",
          "(a)|b",
          "((a)|b)+",
          "(?:(a)|b)+",
          "(?:(a)c|ab)*",
          "(a+?)(a*)",
          "(a+)(a*?)",
          "a{2,3}",
          "(a){2,3}?",
          "(a{0})",
          "x{0}",
          "(ab){1,}",
          "^",
          "$",
          "^$",
          "^a",
          "a$",
          "(?m)^a",
          "(?m)a$",
          "(?m)^$",
          "(?m)^",
          "\\Aa",
          "a\\z",
          ".",
          ".*",
          "(.*)\\n",
          "(?s).*",
          "(?s:.)+b",
          "[^a]",
          "[^\\n]+",
          "\\s+",
          "\\S+",
          "[\\s]",
          "\\v",
          "\\d+",
          "\\D",
          "\\w+",
          "\\W+",
          "[[:alpha:]]+",
          "[[:^space:]]+",
          "\\pL+",
          "\\p{Greek}",
          "\\PL",
          "[a-c-]",
          "[\\]\\[-]",
          "[a&&b]",
          "\\b",
          "\\ba",
          "\\Bb",
          "c\\b",
          "(?i)abc",
          "(?i)k",
          "(?i)s",
          "(?i)[a-c]+",
          "(?i)é",
          "(?U)a+",
          "(?U)a+?",
          "\\Q.*\\E",
          "\\x{1F600}",
          "[\\x{1F600}-\\x{1F64F}]",
          "\\.",
          "\\$",
          "\\^",
          "a.c",
          "\\x41",
          "\\101",
          "\\pN",
          "(?P<first>\\w+) (?P<second>\\w+)",
          "(?P<k>\\w+)=(?P<v>\"[^\"]*\"|\\S+)",
          "key=(\\w+)|n=(\\d+)",
          "(\\w+)@?",
          "(a|b|c)*c",
          "((a)|(b))*",
          "(a(b)?)+",
          "(?:a|b)*?b",
          "(?:a+)+b",
          "(?:a*b)*c",
          "é+",
          "[é-ü]+",
          "[^é]+",
          "((c){1,2})*",
          "(?:(a)+b)*",
          "[^\\x00-\\x{10FFFF}]",
          "a[^\\x00-\\x{10FFFF}]*b",
          "x(?:[^\\x00-\\x{10FFFF}])+|a");

  static Stream<String> expressions() {
    return EXPRESSIONS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expressions")
  void answersAsRe2jOnTrickyExpressions(String expression) {
    GoRegex regex = GoRegex.compile(expression);
    GoMatcher m = regex.matcher();
    for (String input : INPUTS) {
      assertSame(expression, regex, m, input);
    }
  }

  @Test
  void theLogExpressionIsTranslated() {
    GoRegex regex = GoRegex.compile(LOG_EXPRESSION);
    assertThat(regex.javaTranslation()).isPresent();
    GoMatcher m = regex.matcher();
    assertThat(m.find(CRI_MESSAGE)).isTrue();
    assertThat(m.group(1)).isEqualTo("info");
    assertThat(m.group(2)).isEqualTo("request served");
    assertThat(m.group(3)).isEqualTo("200");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("untranslatable")
  void emptyIterationsAndFlagsAreLeftToRe2j(String expression) {
    assertThat(GoRegex.compile(expression).javaTranslation()).isEmpty();
  }

  static Stream<String> untranslatable() {
    return Stream.of(
        "(a*)*", "(a|)+", "(?:|a)*", "(\\b)*", "(?:a?){2}", "(^)+", "x(a*){1,3}", "((c){1,2})*");
  }

  @Test
  void aPatternCompiledWithFlagsIsLeftToRe2j() {
    GoRegex regex = GoRegex.of(Pattern.compile("abc", Pattern.CASE_INSENSITIVE));
    assertThat(regex.javaTranslation()).isEmpty();
    GoMatcher m = regex.matcher();
    assertThat(m.find("xABC")).isTrue();
    assertThat(m.start(0)).isEqualTo(1);
  }

  @Test
  void syntaxErrorsAreRe2js() {
    assertThatThrownBy(() -> GoRegex.compile("(?P<x>"))
        .isInstanceOf(PatternSyntaxException.class)
        .hasMessage(catchRe2j("(?P<x>"));
    assertThatThrownBy(() -> GoRegex.compile("a(?=b)"))
        .isInstanceOf(PatternSyntaxException.class)
        .hasMessage(catchRe2j("a(?=b)"));
  }

  private static String catchRe2j(String expression) {
    try {
      Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      return e.getMessage();
    }
    throw new AssertionError("compiles: " + expression);
  }

  @Test
  @Timeout(60)
  void catastrophicBacktrackingFallsBackToRe2j() {
    GoRegex regex = GoRegex.compile("(a+)+$");
    assertThat(regex.javaTranslation()).isPresent(); // (a+) cannot match empty: translated
    GoMatcher m = regex.matcher();
    for (int n : new int[] {30, 40, 200}) {
      String input = "a".repeat(n) + "!";
      assertSame("(a+)+$", regex, m, input);
      assertThat(m.find(input)).isFalse();
    }
    for (int i = 0; i < 100; i++) { // aborting over and over switches the Java attempt off
      assertThat(m.find("a".repeat(32) + "!")).isFalse();
    }
    assertThat(m.find("aaa")).isTrue();
    assertThat(m.group(1)).isEqualTo("aaa");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("linearExpressions")
  void anchoredDeterministicExpressionsRunWithoutABudget(String expression) {
    GoRegex regex = GoRegex.compile(expression);
    assertThat(regex.linear()).isTrue();
    GoMatcher m = regex.matcher();
    for (String input : INPUTS) {
      assertSame(expression, regex, m, input);
    }
  }

  static Stream<String> linearExpressions() {
    return Stream.of(
        LOG_EXPRESSION,
        "^\\w+$",
        "^(GET|POST|PUT|DELETE) (\\S+) HTTP/(\\d)\\.(\\d)",
        "^[^\"]*?\"(?P<x>[^\"]*)\"",
        "^\\d{2,4}-\\d{2}",
        "^(?i)level=\\s*(\\w+)",
        "^a*b*c",
        "^(?m:^)\\s*(\\S+)\\b",
        "^(?:x|y)?z",
        "^(?:(a)|b)(c\\s?)",
        "^(?:x(y)|a(b)|(c))\\w*",
        "^\\x{1F600}*?\\w",
        "^.*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("budgetedExpressions")
  void expressionsThatMayBacktrackKeepTheBudget(String expression) {
    GoRegex regex = GoRegex.compile(expression);
    assertThat(regex.javaTranslation()).isPresent();
    assertThat(regex.linear()).isFalse();
  }

  static Stream<String> budgetedExpressions() {
    return Stream.of(
        "(a+)+$", // nested repetition
        "^(a+)+$",
        "level=(\\w+)", // unanchored: one attempt per starting position
        "^.*x", // the repetition can match what follows it
        "^\\w+\\d",
        "^a*a",
        "^a*b?a",
        "^(a|ab)c", // branches sharing a first rune
        "^(?:ab|a)c",
        "^(?:a|b*)c", // a branch that can be empty
        "^(\\w+\\s)*x", // a repetition of more than one rune
        "^(?i)k*\u212a"); // K and the Kelvin sign fold together
  }

  @Test
  void aLinearExpressionOnAnAdversarialInputAnswersAsRe2j() {
    GoRegex regex = GoRegex.compile("^([a-z]+)\\s*(\\d*)$");
    assertThat(regex.linear()).isTrue();
    GoMatcher m = regex.matcher();
    for (String input :
        List.of("a".repeat(200_000) + "!", "a".repeat(100_000) + " " + "1".repeat(100_000))) {
      assertSame(regex.expression(), regex, m, input);
    }
  }

  /** Random expressions anchored at the start, where many are proved linear, against re2j. */
  @Test
  void randomAnchoredExpressions() {
    Random random = new Random(2026_12_06);
    String alphabet = "abcA \n1\"K\u212Ak\u00e9\u017fs\uD83D\uDE00";
    int linear =
        compareOnRandomExpressions(
            () -> "^" + randomPieces(random, 3), random, alphabet, GoRegex::linear);
    assertThat(linear).isGreaterThan(1000); // the differential test covers the own program
  }

  /** A sequence of single runes, repeated or not, in groups and alternations now and then. */
  private static String randomPieces(Random random, int depth) {
    StringBuilder sb = new StringBuilder();
    int pieces = 1 + random.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      int choice = random.nextInt(depth <= 0 ? 6 : 8);
      switch (choice) {
        case 6 -> sb.append('(').append(randomPieces(random, depth - 1)).append(')');
        case 7 ->
            sb.append("(?:")
                .append(randomPieces(random, depth - 1))
                .append('|')
                .append(randomPieces(random, depth - 1))
                .append(')');
        default -> {
          sb.append(
              List.of(
                      "a",
                      "b",
                      "c",
                      ".",
                      "[ab]",
                      "[^a]",
                      "\\s",
                      "\\w",
                      "\\d",
                      "\\S",
                      "(?i:k)",
                      "é",
                      "\\pL",
                      "(?s:.)",
                      "\\b",
                      "$",
                      "(?m:$)",
                      "\\x{1F600}",
                      "[^ab]")
                  .get(random.nextInt(19)));
          if (random.nextBoolean()) {
            sb.append(
                List.of("*", "+", "?", "{2}", "{1,2}", "{0,2}", "{2,}").get(random.nextInt(7)));
            if (random.nextBoolean()) {
              sb.append('?');
            }
          }
        }
      }
    }
    return sb.toString();
  }

  @Test
  void longInputsWithLoopsOverGroupsStayCorrect() {
    GoRegex regex = GoRegex.compile("^(?:(\\w+)\\s)*(\\w+)$");
    String input = "w ".repeat(50_000) + "end";
    assertSame(regex.expression(), regex, regex.matcher(), input);
  }

  @Test
  void randomInputs() {
    Random random = new Random(20261123);
    String alphabet = "ab \n\tc=\"1é_\u000b";
    List<String> expressions =
        List.of(
            LOG_EXPRESSION,
            "(a|b)*c",
            "(?P<k>\\w+)=(?P<v>\"[^\"]*\"|\\S*)",
            "^(a+?)(b|ab)*$",
            "(?m)^(\\s*)(\\w+)$",
            "(?i)(A|B)+\\b",
            "[^\"]*\"(.*?)\"",
            "(\\d+)(?:=(\\w))?",
            "(a)?(b)?(c)?",
            "(?s)(.+?)(c|\\n)");
    for (String expression : expressions) {
      GoRegex regex = GoRegex.compile(expression);
      GoMatcher m = regex.matcher();
      for (int i = 0; i < 2000; i++) {
        assertSame(expression, regex, m, randomString(random, alphabet, 12));
      }
    }
  }

  /** Random expressions over a small grammar, each against random inputs. */
  @Test
  void randomExpressions() {
    Random random = new Random(7);
    String alphabet = "abcA \n1\"K\u212Ak\u00e9\u017fs";
    int translated =
        compareOnRandomExpressions(
            () -> randomExpression(random, 4),
            random,
            alphabet,
            r -> r.javaTranslation().isPresent());
    assertThat(translated).isGreaterThan(1000); // the differential test covers the Java path
  }

  /**
   * 3,000 expressions from {@code expressions} (those re2j rejects skipped), each against 30 random
   * inputs; answers how many of them {@code counted} holds for.
   */
  private static int compareOnRandomExpressions(
      java.util.function.Supplier<String> expressions,
      Random random,
      String alphabet,
      java.util.function.Predicate<GoRegex> counted) {
    int count = 0;
    for (int i = 0; i < 3000; i++) {
      String expression = expressions.get();
      GoRegex regex;
      try {
        regex = GoRegex.compile(expression);
      } catch (PatternSyntaxException e) {
        continue;
      }
      if (counted.test(regex)) {
        count++;
      }
      GoMatcher m = regex.matcher();
      for (int j = 0; j < 30; j++) {
        assertSame(expression, regex, m, randomString(random, alphabet, 8));
      }
    }
    return count;
  }

  private static String randomExpression(Random random, int depth) {
    int choice = random.nextInt(depth <= 0 ? 6 : 15);
    return switch (choice) {
      case 0 -> "a";
      case 1 -> "b";
      case 2 -> ".";
      case 3 ->
          List.of(
                  "[ab]",
                  "[^a]",
                  "\\s",
                  "\\w",
                  "\\b",
                  "^",
                  "$",
                  "(?m:^)",
                  "(?m:$)",
                  "\\d",
                  "\\S",
                  "[^\"]",
                  "(?i:k)",
                  "\\B",
                  "é",
                  "(?i:[a-c])",
                  "(?i:s)",
                  "\\pL",
                  "(?s:.)")
              .get(random.nextInt(19));
      case 4 -> "c";
      case 5 -> "(?i:A)";
      case 6, 7 -> randomExpression(random, depth - 1) + randomExpression(random, depth - 1);
      case 8 -> randomExpression(random, depth - 1) + "|" + randomExpression(random, depth - 1);
      case 9, 10 -> "(" + randomExpression(random, depth - 1) + ")";
      case 11 -> "(?:" + randomExpression(random, depth - 1) + ")";
      default -> {
        String quantifier =
            List.of("*", "+", "?", "{2}", "{1,2}", "{0,2}", "{2,}").get(random.nextInt(7));
        String lazy = random.nextBoolean() ? "?" : "";
        yield "(" + randomExpression(random, depth - 1) + ")" + quantifier + lazy;
      }
    };
  }

  private static String randomString(Random random, String alphabet, int maxLength) {
    int n = random.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Every match re2j's Matcher.find() walks through, with every group, against ours. */
  private static void assertSame(String expression, GoRegex regex, GoMatcher m, String input) {
    Matcher expected = Pattern.compile(expression).matcher(input);
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    int from = 0;
    while (expected.find()) {
      want.add(spans(expected.groupCount(), expected::start, expected::end));
      if (!m.find(input, from)) {
        break;
      }
      got.add(spans(m.groupCount(), m::start, m::end));
      from = m.end(0) == m.start(0) ? m.end(0) + 1 : m.end(0);
      if (want.size() > 100) {
        break;
      }
    }
    if (got.size() == want.size() && want.size() <= 100 && m.find(input, from)) {
      got.add(spans(m.groupCount(), m::start, m::end)); // a match re2j did not find
    }
    assertThat(got)
        .as(
            "%s (java: %s) on \"%s\"",
            expression, regex.javaTranslation().orElse("none"), escape(input))
        .isEqualTo(want);
  }

  private static String spans(
      int groupCount,
      java.util.function.IntUnaryOperator start,
      java.util.function.IntUnaryOperator end) {
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g <= groupCount; g++) {
      sb.append(start.applyAsInt(g)).append('-').append(end.applyAsInt(g)).append(' ');
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("\n", "\\n").replace("\t", "\\t").replace("\u000b", "\\v");
  }
}
