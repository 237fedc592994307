package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.StageContext;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class SamplingStageTest {
  static Stream<Arguments> cases() {
    long max = Long.MAX_VALUE;
    return Stream.of(
        Arguments.of("rate 1 keeps the largest draw", 1.0, max, true),
        Arguments.of("rate 0 drops the smallest draw", 0.0, 1L, false),
        Arguments.of("at the boundary is kept", 0.5, max / 2, true),
        Arguments.of("above the boundary is dropped", 0.5, max / 2 + 1024, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keepsDrawsUpToTheBoundary(String name, double rate, long draw, boolean kept)
      throws Exception {
    List<String> drops = new ArrayList<>();
    var ctx =
        new StageContext(
            "t",
            LoggerFactory.getLogger("t"),
            new PrometheusRegistry(),
            StageTesting.CLOCK,
            drops::add);
    var stage = new SamplingConfig(rate, "sampling_stage").build(ctx, () -> draw);
    List<PipelineEntry> out = new ArrayList<>();
    stage.process(StageTesting.entry("x"), out::add);
    assertThat(out).as(name).hasSize(kept ? 1 : 0);
    assertThat(drops).as(name).hasSize(kept ? 0 : 1);
  }

  @Test
  void roughlyTheRateIsKeptAndDropsAreCountedWithTheReason() throws Exception {
    var run =
        new StageTesting.Run(
            "stage.sampling {\n rate = 0.25\n drop_counter_reason = \"sampled\"\n}");
    int kept = 0;
    for (int i = 0; i < 4000; i++) {
      kept += run.send(StageTesting.entry("x")).size();
    }
    assertThat(kept).isBetween(800, 1200);
    assertThat(run.drops).hasSize(4000 - kept).containsOnly("sampled");
  }

  @Test
  void defaultReasonAndRateRange() {
    assertThat(StageTesting.configs("stage.sampling { rate = 0.5 }"))
        .containsExactly(new SamplingConfig(0.5, "sampling_stage"));
    assertThat(StageTesting.errors("stage.sampling { rate = 1.5 }"))
        .containsExactly(
            "sampling stage failed to parse rate,Sampling Rate must be between 0.0 and 1.0,"
                + " received 1.500000");
  }
}
