package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.Optional;

/**
 * {@code stage.regex}: extracts the named groups of an RE2 expression.
 *
 * @param expression the RE2 expression, unanchored
 * @param source the extracted value to match instead of the line
 * @param labelsFromGroups whether the named groups also become labels
 */
@BlockName("regex")
public record RegexConfig(
    @Attr("expression") String expression,
    @Attr(value = "source", optional = true) Optional<String> source,
    @Attr(value = "labels_from_groups", optional = true) boolean labelsFromGroups)
    implements StageConfig, Validated {

  @Override
  public void validate() {
    if (expression.isEmpty()) {
      throw new IllegalArgumentException("expression is required");
    }
    if (source.isPresent() && source.get().isEmpty()) {
      throw new IllegalArgumentException("empty source");
    }
    StageSupport.compile(expression, "could not compile regular expression");
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    return new RegexStage(this);
  }
}
