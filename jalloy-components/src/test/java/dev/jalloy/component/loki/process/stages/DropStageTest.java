package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropStageTest {
  private static final Instant NOW = Instant.parse("2024-03-05T10:00:00Z");
  private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;

  /**
   * Each case: the stage body, the line, extracted key=value pairs, the entry's age in seconds,
   * whether it is dropped, and the reason counted.
   */
  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          expression = "debug"                                           | a debug line | -          | 0    | true  | drop_stage
          expression = "debug"                                           | an info line | -          | 0    | false | -
          expression = "^debug"                                          | a debug line | -          | 0    | false | -
          source = "level"                                               | x            | level=warn | 0    | true  | drop_stage
          source = "level"                                               | x            | other=warn | 0    | false | -
          source = "level,app"                                           | x            | level=warn | 0    | false | -
          source = "level,app"                                           | x            | level=warn,app=a | 0 | true | drop_stage
          source = "level" \\n value = "warn"                             | x            | level=warn | 0    | true  | drop_stage
          source = "level" \\n value = "warn"                             | x            | level=warning | 0 | false | -
          source = "level" \\n expression = "wa"                          | x            | level=slow  | 0   | false | -
          source = "level" \\n expression = "wa"                          | x            | level=warn  | 0   | true  | drop_stage
          source = "level,app" \\n value = "warn;api"                     | x            | level=warn,app=api | 0 | true | drop_stage
          source = "level,app" \\n separator = "/" \\n value = "warn/api"  | x            | level=warn,app=api | 0 | true | drop_stage
          source = "level,app" \\n value = "warn"                         | x            | level=warn | 0    | true  | drop_stage
          older_than = "1h"                                              | x            | -          | 3601 | true  | drop_stage
          older_than = "1h"                                              | x            | -          | 3600 | false | -
          longer_than = "8B"                                             | 123456789    | -          | 0    | true  | drop_stage
          longer_than = "8B"                                             | 12345678     | -          | 0    | false | -
          longer_than = "8B" \\n expression = "x"                         | 123456789    | -          | 0    | false | -
          longer_than = "1KB" \\n drop_counter_reason = "too_long"        | LONG         | -          | 0    | true  | too_long
          older_than = "1m" \\n source = "level"                          | x            | level=warn | 30   | false | -
          """)
  void drops(
      String body, String line, String extracted, long ageSeconds, boolean dropped, String reason)
      throws InterruptedException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx(NOW);
    var stage =
        StageFixtures.config("stage.drop {\n" + body.replace("\\n", "\n") + "\n}")
            .build(ctx.context);
    PipelineEntry e =
        StageFixtures.entry(
            line.equals("LONG") ? "x".repeat(1025) : line, NOW_NANOS - ageSeconds * 1_000_000_000L);
    if (extracted != null) {
      for (String kv : extracted.split(",")) {
        String[] p = kv.split("=", 2);
        e.extracted.put(p[0], p[1]);
      }
    }
    List<PipelineEntry> out = StageFixtures.run(stage, e);
    assertThat(out).hasSize(dropped ? 0 : 1);
    assertThat(ctx.drops)
        .isEqualTo(reason == null ? java.util.Map.of() : java.util.Map.of(reason, 1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u00a4',
      textBlock =
          """
          drop_counter_reason = "x"                    | drop stage config must contain at least one of `source`, `expression`, `older_than` or `longer_than`
          source = "a" \\n value = "b" \\n expression = "c" | drop stage config error, `value` and `expression` cannot both be defined at the same time.
          expression = "c" \\n value = "b"              | drop stage config error, `value` and `expression` cannot both be defined at the same time.
          older_than = "1h" \\n value = "b"             | drop stage config must contain `source` if `value` is specified
          expression = "(a"                            | drop stage regex compilation error: error parsing regexp: missing closing ): `(a`
          """)
  void configErrors(String body, String message) {
    assertThat(StageFixtures.errors("stage.drop {\n" + body.replace("\\n", "\n") + "\n}"))
        .contains(message);
  }
}
