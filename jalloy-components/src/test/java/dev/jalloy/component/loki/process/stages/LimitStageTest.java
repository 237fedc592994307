package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitStageTest {

  /**
   * Each case: the stage body; a script of entries ({@code label value}, or {@code -} for no label)
   * and clock moves ({@code +500ms}); the lines that passed, in order; drops; the time spent
   * waiting in ms.
   */
  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          rate = 1 \\n burst = 2 \\n drop = true   => a;a;a;a            => 0,1          => 2 => 0
          rate = 1 \\n burst = 2 \\n drop = true   => a;a;a;+1s;a;a      => 0,1,4        => 2 => 0
          rate = 10 \\n burst = 1 \\n drop = true  => a;+100ms;a;+50ms;a => 0,2          => 1 => 0
          rate = 1 \\n burst = 1 \\n drop = true \\n by_label_name = "app" => a;b;a;b;-;- => 0,1,4,5 => 2 => 0
          rate = 2 \\n burst = 1                  => a;a;a              => 0,1,2        => 0 => 1000
          rate = 2 \\n burst = 2                  => a;a;a;+10s;a       => 0,1,2,4      => 0 => 500
          """)
  void limits(String body, String script, String passed, int drops, long waitedMs)
      throws InterruptedException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx();
    LimitConfig config =
        (LimitConfig) StageFixtures.config("stage.limit {\n" + body.replace("\\n", "\n") + "\n}");
    long[] waited = {0};
    Stage stage =
        new LimitStage(
            config,
            ctx.context,
            nanos -> {
              waited[0] += nanos;
              ctx.clock.now = ctx.clock.now.plusNanos(nanos);
            });
    List<PipelineEntry> out = new ArrayList<>();
    String[] steps = script.split(";");
    for (int i = 0; i < steps.length; i++) {
      String s = steps[i];
      if (s.startsWith("+")) {
        ctx.clock.now = ctx.clock.now.plus(parse(s.substring(1)));
        continue;
      }
      PipelineEntry e =
          s.equals("-")
              ? StageFixtures.entry(Integer.toString(i), 1)
              : StageFixtures.entry(Integer.toString(i), 1, "app", s);
      stage.process(e, out::add);
    }
    assertThat(String.join(",", out.stream().map(e -> e.line).toList())).isEqualTo(passed);
    assertThat(ctx.drops).isEqualTo(drops == 0 ? Map.of() : Map.of(LimitStage.DROP_REASON, drops));
    assertThat(waited[0] / 1_000_000).isEqualTo(waitedMs);
  }

  private static Duration parse(String s) {
    return s.endsWith("ms")
        ? Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)))
        : Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          rate = 0 \\n burst = 1                                 => limit stage failed to parse rate or burst
          rate = 1 \\n burst = 0                                 => limit stage failed to parse rate or burst
          rate = 1 \\n burst = 1 \\n by_label_name = "app"       => When ratelimiting by label, drop must be true
          """)
  void configErrors(String body, String message) {
    assertThat(StageFixtures.errors("stage.limit {\n" + body.replace("\\n", "\n") + "\n}"))
        .contains(message);
  }
}
