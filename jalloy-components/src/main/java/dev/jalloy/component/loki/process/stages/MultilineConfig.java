package dev.jalloy.component.loki.process.stages;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.time.Duration;

/**
 * {@code stage.multiline}: joins the lines of one block (a first line and what follows it) into one
 * entry. Follows Alloy's {@code stages/multiline.go}.
 *
 * @param firstline RE2 matching the first line of a block
 * @param maxWaitTime how long a block waits for more lines
 * @param maxLines the most lines a block holds
 * @param trimNewlines strip trailing {@code \r\n} of each line
 */
@BlockName("multiline")
public record MultilineConfig(
    @Attr("firstline") String firstline,
    @Attr(value = "max_wait_time", optional = true) Duration maxWaitTime,
    @Attr(value = "max_lines", optional = true) long maxLines,
    @Attr(value = "trim_newlines", optional = true) boolean trimNewlines)
    implements StageConfig, Validated {

  /** Alloy's defaults. */
  public static MultilineConfig defaults() {
    return new MultilineConfig("", Duration.ofSeconds(3), 128, true);
  }

  @Override
  public void validate() {
    regex();
  }

  /** Checks the configuration; the compiled first-line regex. */
  Pattern regex() {
    if (firstline.isEmpty()) {
      throw new IllegalArgumentException(
          "multiline stage config must define `firstline` regular expression");
    }
    if (maxWaitTime.isNegative() || maxWaitTime.isZero()) {
      throw new IllegalArgumentException(
          "multiline stage `max_wait_time` parse error: must be greater than 0");
    }
    try {
      return Pattern.compile(firstline);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "multiline stage first line regex compilation error: " + e.getMessage());
    }
  }

  @Override
  public Stage build(StageContext context) {
    return new MultilineStage(this, context);
  }
}
