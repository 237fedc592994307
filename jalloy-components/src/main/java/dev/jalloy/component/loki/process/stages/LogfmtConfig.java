package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.Map;

/**
 * {@code stage.logfmt}: extracts values from a logfmt line.
 *
 * @param mapping extracted name to logfmt key; an empty key means the name
 * @param source the extracted value to parse instead of the line; "" for the line
 * @param regex extracts every key matching this RE2 expression under its own name
 */
@BlockName("logfmt")
public record LogfmtConfig(
    @Attr(value = "mapping", optional = true) Map<String, String> mapping,
    @Attr(value = "source", optional = true) String source,
    @Attr(value = "regex", optional = true) String regex)
    implements StageConfig, Validated {

  @Override
  public void validate() {
    if (mapping.isEmpty() && regex.isEmpty()) {
      throw new IllegalArgumentException("logfmt mapping or regex is required");
    }
    StageSupport.compile(regex, "error parsing regexp");
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    return new LogfmtStage(this);
  }
}
