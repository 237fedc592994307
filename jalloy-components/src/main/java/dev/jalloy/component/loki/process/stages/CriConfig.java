package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;

/**
 * {@code stage.cri}: parses the CRI log format of containerd and CRI-O.
 *
 * @param maxPartialLines how many streams' partial lines are held before all are flushed
 * @param maxPartialLineSize the size a joined line is truncated to, with {@code
 *     maxPartialLineSizeTruncate}
 * @param maxPartialLineSizeTruncate whether to truncate joined lines
 */
@BlockName("cri")
public record CriConfig(
    @Attr(value = "max_partial_lines", optional = true) int maxPartialLines,
    @Attr(value = "max_partial_line_size", optional = true) long maxPartialLineSize,
    @Attr(value = "max_partial_line_size_truncate", optional = true)
        boolean maxPartialLineSizeTruncate)
    implements StageConfig, Validated {

  /** Alloy's defaults: 100 partial lines, no truncation. */
  public static CriConfig defaults() {
    return new CriConfig(100, 0, false);
  }

  @Override
  public void validate() {
    if (maxPartialLines <= 0) {
      throw new IllegalArgumentException("max_partial_lines must be greater than 0");
    }
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    return new CriStage(this, context);
  }
}
