package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.EnumBlock;
import dev.jalloy.syntax.decode.Validated;
import java.util.List;

/**
 * {@code stage.match}: runs nested stages on the entries a LogQL selector picks ({@code action =
 * "keep"}), or drops them ({@code action = "drop"}). Follows Alloy's {@code stages/match.go}.
 *
 * @param selector LogQL stream selector with optional line filters
 * @param stages the nested stages (keep only)
 * @param action {@code keep} (default) or {@code drop}
 * @param pipelineName kept for compatibility, unused (as in Alloy)
 * @param dropCounterReason the drop reason for {@code action = "drop"}
 */
@BlockName("match")
public record MatchConfig(
    @Attr("selector") String selector,
    @EnumBlock("stage") List<StageConfig> stages,
    @Attr(value = "action", optional = true) String action,
    @Attr(value = "pipeline_name", optional = true) String pipelineName,
    @Attr(value = "drop_counter_reason", optional = true) String dropCounterReason)
    implements StageConfig, Validated {

  /** Alloy's defaults. */
  public static MatchConfig defaults() {
    return new MatchConfig("", List.of(), "keep", "", "match_stage");
  }

  /** Canonical constructor: a null stage list reads as none. */
  public MatchConfig {
    stages = stages == null ? List.of() : List.copyOf(stages);
  }

  @Override
  public void validate() {
    parsedSelector();
  }

  /** Checks the configuration and parses the selector, with Alloy's error texts. */
  LogqlSelector parsedSelector() {
    if (selector.isEmpty()) {
      throw new IllegalArgumentException("selector statement required for match stage");
    }
    switch (action) {
      case "keep", "" -> {
        if (stages.isEmpty()) {
          throw new IllegalArgumentException(
              "match stage requires at least one additional stage to be defined in '- stages'");
        }
      }
      case "drop" -> {
        if (!stages.isEmpty()) {
          throw new IllegalArgumentException(
              "match stage configured to drop entries cannot contains stages");
        }
      }
      default ->
          throw new IllegalArgumentException("match stage action should be 'keep' or 'drop'");
    }
    try {
      return LogqlSelector.parse(selector);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid selector syntax for match stage: " + e.getMessage(), e);
    }
  }

  @Override
  public Stage build(StageContext context) {
    return new MatchStage(this, context);
  }
}
