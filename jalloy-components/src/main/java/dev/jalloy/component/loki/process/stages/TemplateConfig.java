package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;

/**
 * {@code stage.template}: renders a Go template into an extracted value. Follows Alloy's {@code
 * stages/template.go}.
 *
 * @param source the extracted key written (and read as {@code .Value})
 * @param template Go {@code text/template} source
 */
@BlockName("template")
public record TemplateConfig(@Attr("source") String source, @Attr("template") String template)
    implements StageConfig, Validated {

  @Override
  public void validate() {
    parsed();
  }

  /** Checks the configuration; the parsed template. */
  GoTemplate parsed() {
    if (source.isEmpty()) {
      throw new IllegalArgumentException("template source value is required");
    }
    return GoTemplate.parse(template, TemplateFunctions.ALL);
  }

  @Override
  public Stage build(StageContext context) {
    return new TemplateStage(this, context);
  }
}
