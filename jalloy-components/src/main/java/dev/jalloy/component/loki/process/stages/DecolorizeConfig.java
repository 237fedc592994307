package dev.jalloy.component.loki.process.stages;

import com.google.re2j.Pattern;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.BlockName;

/**
 * {@code stage.decolorize {}}: strips ANSI escape sequences from the line, with the expression
 * Loki's decolorizer uses (that of the {@code stripansi} package).
 */
@BlockName("decolorize")
public record DecolorizeConfig() implements StageConfig {
  static final Pattern ANSI =
      Pattern.compile(
          "[\u001B\u009B][\\[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\u0007)"
              + "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))");

  @Override
  public Stage build(StageContext context) {
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        if (entry.line.indexOf('\u001B') >= 0 || entry.line.indexOf('\u009B') >= 0) {
          entry.line = ANSI.matcher(entry.line).replaceAll("");
        }
        next.emit(entry);
      }
    };
  }
}
