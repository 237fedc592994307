package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;

/**
 * {@code stage.replace}: replaces what the capture groups of an RE2 expression match with a
 * rendered template.
 *
 * @param expression the RE2 expression, with capture groups
 * @param source the extracted value to work on instead of the line; "" for the line
 * @param replace the template each captured text is replaced with; "" removes it
 */
@BlockName("replace")
public record ReplaceConfig(
    @Attr("expression") String expression,
    @Attr(value = "source", optional = true) String source,
    @Attr(value = "replace", optional = true) String replace)
    implements StageConfig, Validated {

  @Override
  public void validate() {
    if (expression.isEmpty()) {
      throw new IllegalArgumentException("regex must not be empty");
    }
    StageSupport.compile(expression, "error parsing regexp");
    GoTemplate.parse(replace, TemplateFunctions.ALL);
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    return new ReplaceStage(this);
  }
}
