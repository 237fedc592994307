package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.BlockName;

/** {@code stage.docker {}}: parses Docker's {@code json-file} log format; no arguments. */
@BlockName("docker")
public record DockerConfig() implements StageConfig {
  @Override
  public Stage build(StageContext context) {
    return new DockerStage();
  }
}
