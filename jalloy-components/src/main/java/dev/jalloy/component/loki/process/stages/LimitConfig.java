package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;

/**
 * {@code stage.limit}: a token-bucket rate limit on entries, overall or per value of a label.
 * Follows Alloy's {@code stages/limit.go}.
 *
 * @param rate entries per second
 * @param burst bucket size
 * @param drop drop entries over the limit (true) or wait for a token (false)
 * @param byLabelName one bucket per value of this label (requires {@code drop})
 * @param maxDistinctLabels the most per-label buckets kept (at least 10000)
 */
@BlockName("limit")
public record LimitConfig(
    @Attr("rate") double rate,
    @Attr("burst") long burst,
    @Attr(value = "drop", optional = true) boolean drop,
    @Attr(value = "by_label_name", optional = true) String byLabelName,
    @Attr(value = "max_distinct_labels", optional = true) long maxDistinctLabels)
    implements StageConfig, Validated {

  /** Alloy's {@code MinReasonableMaxDistinctLabels}. */
  static final long MIN_DISTINCT_LABELS = 10_000;

  /** Alloy's defaults. */
  public static LimitConfig defaults() {
    return new LimitConfig(0, 0, false, "", MIN_DISTINCT_LABELS);
  }

  @Override
  public void validate() {
    if (rate == 0 || burst == 0) {
      throw new IllegalArgumentException("limit stage failed to parse rate or burst");
    }
    if (!byLabelName.isEmpty() && !drop) {
      throw new IllegalArgumentException("When ratelimiting by label, drop must be true");
    }
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    return new LimitStage(this, context, LimitStage.SLEEP);
  }
}
