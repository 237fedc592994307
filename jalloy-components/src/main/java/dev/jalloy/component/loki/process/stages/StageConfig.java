package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;

/**
 * The configuration of one {@code stage.*} block: each permitted record is one stage, named with
 * {@link dev.jalloy.syntax.decode.BlockName} (e.g. {@code @BlockName("json")} for {@code
 * stage.json}), decoded by the enum-block machinery in the order of the file, and builds its {@link
 * Stage}. Validation problems are thrown from {@code validate()} (records implement {@link
 * dev.jalloy.syntax.decode.Validated}) with Alloy's error text.
 */
public sealed interface StageConfig
    permits MatchConfig,
        DropConfig,
        TimestampConfig,
        TemplateConfig,
        MultilineConfig,
        LimitConfig,
        MetricsConfig {
  /** Builds the stage; called on every update of the component. */
  Stage build(StageContext context);
}
