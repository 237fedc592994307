package dev.jalloy.component.common.relabel;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.go.GoQuote;
import java.util.List;
import java.util.Optional;

/**
 * One {@code rule} block: a relabeling step, as in Alloy's {@code
 * internal/component/common/relabel/relabel.go} (Prometheus' {@code relabel.Config}).
 *
 * <pre>
 * rule {
 *   source_labels = ["__meta_kubernetes_pod_label_app"]
 *   target_label  = "app"
 * }
 * </pre>
 *
 * <p>{@link #validate()} applies Alloy's checks with Alloy's messages; the {@link Relabeler}
 * validates again when it compiles rules built in code.
 *
 * @param sourceLabels labels whose values are joined to form the input; a missing label is ""
 * @param separator what joins the source values
 * @param regex an RE2 expression, matched against the whole input (it is anchored)
 * @param modulus the modulus for {@code hashmod}; an unsigned 64-bit number in Alloy
 * @param targetLabel the label written by {@code replace}, {@code hashmod}, {@code lowercase},
 *     {@code uppercase}, or compared by {@code keepequal} and {@code dropequal}
 * @param replacement the value {@code replace} writes and the name {@code labelmap} writes, with
 *     {@code $1}, {@code ${1}}, {@code $name} references to capture groups
 * @param action one of {@link Action}'s names
 */
public record Rule(
    @Attr(value = "source_labels", optional = true) List<String> sourceLabels,
    @Attr(value = "separator", optional = true) String separator,
    @Attr(value = "regex", optional = true) String regex,
    @Attr(value = "modulus", optional = true) long modulus,
    @Attr(value = "target_label", optional = true) String targetLabel,
    @Attr(value = "replacement", optional = true) String replacement,
    @Attr(value = "action", optional = true) String action)
    implements Validated {

  static final String DEFAULT_SEPARATOR = ";";
  static final String DEFAULT_REGEX = "(.*)";
  static final String DEFAULT_REPLACEMENT = "$1";

  /** Prometheus' pattern for a target label or labelmap replacement that may use references. */
  private static final Pattern RELABEL_TARGET =
      Pattern.compile("^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$");

  public Rule {
    sourceLabels = List.copyOf(sourceLabels);
  }

  /** Alloy's defaults: replace the whole of nothing ({@code (.*)}) with {@code $1}. */
  public static Rule defaults() {
    return new Rule(
        List.of(), DEFAULT_SEPARATOR, DEFAULT_REGEX, 0, "", DEFAULT_REPLACEMENT, "replace");
  }

  /** The action, when {@link #action()} names one. */
  public Optional<Action> parsedAction() {
    return Action.parse(action);
  }

  /**
   * Alloy's {@code Config.Validate}, plus the regex syntax and action name checks Alloy makes while
   * decoding. Messages are Alloy's, so its documentation and forum answers still apply.
   */
  @Override
  public void validate() {
    Action a =
        Action.parse(action)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unrecognized action type " + GoQuote.quote(action)));
    compileRegex(regex);
    if (modulus < 0) {
      throw new IllegalArgumentException("modulus " + modulus + " must not be negative");
    }
    if (modulus == 0 && a == Action.HASHMOD) {
      throw new IllegalArgumentException(
          "relabel configuration for hashmod requires non-zero modulus");
    }
    boolean writesTarget =
        switch (a) {
          case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
          default -> false;
        };
    if (writesTarget && targetLabel.isEmpty()) {
      throw new IllegalArgumentException(
          "relabel configuration for " + a + " action requires 'target_label' value");
    }
    boolean fixedTarget =
        switch (a) {
          case LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
          default -> false;
        };
    if ((a == Action.REPLACE || fixedTarget) && !RELABEL_TARGET.matches(targetLabel)) {
      throw invalidTarget(a);
    }
    if (fixedTarget && !replacement.equals(DEFAULT_REPLACEMENT)) {
      throw new IllegalArgumentException("'replacement' can not be set for " + a + " action");
    }
    if (a == Action.LABELMAP && !RELABEL_TARGET.matches(replacement)) {
      throw new IllegalArgumentException(
          GoQuote.quote(replacement) + " is invalid 'replacement' for " + a + " action");
    }
    if (a == Action.HASHMOD && !isLabelName(targetLabel)) {
      throw invalidTarget(a);
    }
    if ((a == Action.LABELDROP || a == Action.LABELKEEP)
        && (!sourceLabels.isEmpty()
            || !targetLabel.isEmpty()
            || modulus != 0
            || !separator.equals(DEFAULT_SEPARATOR)
            || !replacement.equals(DEFAULT_REPLACEMENT))) {
      throw new IllegalArgumentException(a + " action requires only 'regex', and no other fields");
    }
    if ((a == Action.KEEPEQUAL || a == Action.DROPEQUAL)
        && (!regex.equals(DEFAULT_REGEX)
            || modulus != 0
            || !separator.equals(DEFAULT_SEPARATOR)
            || !replacement.equals(DEFAULT_REPLACEMENT))) {
      throw new IllegalArgumentException(
          a + " action requires only 'source_labels' and 'target_label', and no other fields");
    }
  }

  private IllegalArgumentException invalidTarget(Action a) {
    return new IllegalArgumentException(
        GoQuote.quote(targetLabel) + " is invalid 'target_label' for " + a + " action");
  }

  /**
   * Whether {@code name} is a legal label name, {@code [a-zA-Z_][a-zA-Z0-9_]*}: the legacy scheme
   * Alloy validates with, not Prometheus 3's UTF-8 names.
   */
  static boolean isLabelName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compiles {@code regex} fully anchored, as Alloy does ({@code ^(?:regex)$}); a syntax error
   * reads as Go's ({@code error parsing regexp: missing closing ): `^(?:(a)$`}).
   */
  static Pattern compileRegex(String regex) {
    try {
      return Pattern.compile("^(?:" + regex + ")$");
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "error parsing regexp: " + e.getDescription() + ": `" + e.getPattern() + "`", e);
    }
  }
}
