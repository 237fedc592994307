package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stage.json}: extracts values from a JSON object with JMESPath expressions.
 *
 * @param expressions extracted name to JMESPath expression; an empty expression means the name
 * @param regex extracts every top-level key matching this RE2 expression under its own name
 * @param source the extracted value to parse instead of the line
 * @param dropMalformed whether to drop entries that are not a JSON object
 */
@BlockName("json")
public record JsonConfig(
    @Attr(value = "expressions", optional = true) Map<String, String> expressions,
    @Attr(value = "regex", optional = true) String regex,
    @Attr(value = "source", optional = true) Optional<String> source,
    @Attr(value = "drop_malformed", optional = true) boolean dropMalformed)
    implements StageConfig, Validated {

  /** Checks what Alloy's {@code validateJSONConfig} checks, with its messages. */
  @Override
  public void validate() {
    JsonStage.compile(this);
  }

  @Override
  public Stage build(StageContext context) {
    return new JsonStage(this, JsonStage.compile(this));
  }
}
