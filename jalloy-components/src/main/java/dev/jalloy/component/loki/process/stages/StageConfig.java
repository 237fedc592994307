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
    permits CriConfig,
        DecolorizeConfig,
        DockerConfig,
        DropConfig,
        JsonConfig,
        LabelDropConfig,
        LabelKeepConfig,
        LabelsConfig,
        LimitConfig,
        LogfmtConfig,
        MatchConfig,
        MetricsConfig,
        MultilineConfig,
        OutputConfig,
        PackConfig,
        RegexConfig,
        ReplaceConfig,
        SamplingConfig,
        StaticLabelsConfig,
        StructuredMetadataConfig,
        TemplateConfig,
        TenantConfig,
        TimestampConfig {
  /** Builds the stage; called on every update of the component. */
  Stage build(StageContext context);
}
