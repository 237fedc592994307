package dev.jalloy.component.loki.process.stages;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.go.ByteSize;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code stage.drop}: drops entries meeting every configured condition. Follows Alloy's {@code
 * stages/drop.go}.
 *
 * @param source comma-separated extracted keys
 * @param separator joins the source values before {@code expression} / {@code value} test them
 * @param expression RE2, unanchored
 * @param value exact value of the joined sources
 * @param olderThan drop entries whose timestamp is older than now minus this
 * @param longerThan drop lines longer than this many bytes
 * @param dropCounterReason the reason counted
 */
@BlockName("drop")
public record DropConfig(
    @Attr(value = "source", optional = true) String source,
    @Attr(value = "separator", optional = true) String separator,
    @Attr(value = "expression", optional = true) String expression,
    @Attr(value = "value", optional = true) String value,
    @Attr(value = "older_than", optional = true) Duration olderThan,
    @Attr(value = "longer_than", optional = true) ByteSize longerThan,
    @Attr(value = "drop_counter_reason", optional = true) String dropCounterReason)
    implements StageConfig, Validated {

  /** Alloy's defaults. */
  public static DropConfig defaults() {
    return new DropConfig("", ";", "", "", Duration.ZERO, new ByteSize(0), "drop_stage");
  }

  @Override
  public void validate() {
    regex();
  }

  /** Checks the configuration; the regex that {@code expression} or {@code value} stands for. */
  Optional<Pattern> regex() {
    if (source.isEmpty() && expression.isEmpty() && olderThan.isZero() && longerThan.bytes() == 0) {
      throw new IllegalArgumentException(
          "drop stage config must contain at least one of `source`, `expression`, `older_than` or"
              + " `longer_than`");
    }
    if (!value.isEmpty() && !expression.isEmpty()) {
      throw new IllegalArgumentException(
          "drop stage config error, `value` and `expression` cannot both be defined at the same"
              + " time.");
    }
    if (!value.isEmpty() && source.isEmpty()) {
      throw new IllegalArgumentException(
          "drop stage config must contain `source` if `value` is specified");
    }
    try {
      if (!expression.isEmpty()) {
        return Optional.of(Pattern.compile(expression));
      }
      if (!value.isEmpty()) {
        return Optional.of(Pattern.compile("^" + Pattern.quote(value) + "$"));
      }
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("drop stage regex compilation error: " + e.getMessage());
    }
    return Optional.empty();
  }

  @Override
  public Stage build(StageContext context) {
    return new DropStage(this, context);
  }
}
