package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampStageTest {
  private static final long ORIGINAL = 42;

  private static long nanos(String instant) {
    Instant t = Instant.parse(instant);
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Each case: body, extracted time ("-" = absent), clock, expected timestamp ("-" = kept). */
  @ParameterizedTest(name = "[{index}] {0} <- {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          format = "RFC3339"                                   | 2024-01-02T03:04:05+01:00      | 2024-03-05T10:00:00Z | 2024-01-02T02:04:05Z
          format = "RFC3339Nano"                               | 2024-01-02T03:04:05.123456789Z | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05.123456789Z
          format = "RFC3339" \\n location = "Europe/Berlin"    | 2024-01-02T03:04:05Z           | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05Z
          format = "ANSIC"                                     | Tue Jan  2 03:04:05 2024       | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05Z
          format = "UnixDate"                                  | Tue Jan  2 03:04:05 UTC 2024   | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05Z
          format = "RubyDate"                                  | Tue Jan 02 03:04:05 -0200 2024 | 2024-03-05T10:00:00Z | 2024-01-02T05:04:05Z
          format = "RFC822"                                    | 02 Jan 24 03:04 UTC            | 2024-03-05T10:00:00Z | 2024-01-02T03:04:00Z
          format = "RFC822Z"                                   | 02 Jan 24 03:04 +0100          | 2024-03-05T10:00:00Z | 2024-01-02T02:04:00Z
          format = "RFC850"                                    | Tuesday, 02-Jan-24 03:04:05 UTC | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05Z
          format = "RFC1123"                                   | Tue, 02 Jan 2024 03:04:05 UTC  | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05Z
          format = "RFC1123Z"                                  | Tue, 02 Jan 2024 03:04:05 +0000 | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05Z
          format = "Unix"                                      | 1704164645                     | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05Z
          format = "Unix"                                      | 1704164645.25                  | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05.250Z
          format = "UnixMs"                                    | 1704164645123                  | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05.123Z
          format = "UnixUs"                                    | 1704164645123456               | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05.123456Z
          format = "UnixNs"                                    | 1704164645123456789            | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05.123456789Z
          format = "2006-01-02 15:04:05" \\n location = "America/New_York" | 2024-01-02 03:04:05 | 2024-03-05T10:00:00Z | 2024-01-02T08:04:05Z
          format = "Jan _2 15:04:05"                           | Mar  4 09:00:00                | 2024-03-05T10:00:00Z | 2024-03-04T09:00:00Z
          format = "Jan _2 15:04:05"                           | Dec 31 23:59:59                | 2024-01-01T00:10:00Z | 2023-12-31T23:59:59Z
          format = "Jan _2 15:04:05"                           | Jan  1 00:00:01                | 2023-12-31T23:59:00Z | 2024-01-01T00:00:01Z
          format = "RFC3339" \\n fallback_formats = ["UnixMs", "2006-01-02"] | 2024-01-02  | 2024-03-05T10:00:00Z | 2024-01-02T00:00:00Z
          format = "RFC3339" \\n fallback_formats = ["UnixMs"] | 1704164645123                  | 2024-03-05T10:00:00Z | 2024-01-02T03:04:05.123Z
          format = "RFC3339"                                   | garbage                        | 2024-03-05T10:00:00Z | -
          format = "RFC3339" \\n action_on_failure = "skip"    | garbage                        | 2024-03-05T10:00:00Z | -
          format = "RFC3339"                                   | -                              | 2024-03-05T10:00:00Z | -
          """)
  void sets(String body, String time, String now, String expected) throws InterruptedException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx(Instant.parse(now));
    Stage stage =
        StageFixtures.config(
                "stage.timestamp {\nsource = \"time\"\n" + body.replace("\\n", "\n") + "\n}")
            .build(ctx.context);
    PipelineEntry e = StageFixtures.entry("line", ORIGINAL, "app", "a");
    if (time != null) {
      e.extracted.put("time", time);
    }
    StageFixtures.run(stage, e);
    assertThat(e.timestampNanos).isEqualTo(expected == null ? ORIGINAL : nanos(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u00a4',
      textBlock =
          """
          fudge | 1704164645000000001 | 1704164645000000002 | 42
          skip  | 42                  | 42                  | 42
          """)
  void onFailure(String action, long second, long third, long otherStream)
      throws InterruptedException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx();
    Stage stage =
        StageFixtures.config(
                "stage.timestamp {\nsource = \"t\"\nformat = \"Unix\"\naction_on_failure = \""
                    + action
                    + "\"\n}")
            .build(ctx.context);
    PipelineEntry ok = StageFixtures.entry("a", ORIGINAL, "app", "a");
    ok.extracted.put("t", 1704164645L);
    PipelineEntry bad1 = StageFixtures.entry("b", ORIGINAL, "app", "a");
    PipelineEntry bad2 = StageFixtures.entry("c", ORIGINAL, "app", "a");
    PipelineEntry other = StageFixtures.entry("d", ORIGINAL, "app", "b");
    StageFixtures.run(stage, ok, bad1, bad2, other);
    assertThat(ok.timestampNanos).isEqualTo(1704164645000000000L);
    assertThat(bad1.timestampNanos).isEqualTo(second);
    assertThat(bad2.timestampNanos).isEqualTo(third);
    assertThat(other.timestampNanos).isEqualTo(otherStream);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u00a4',
      textBlock =
          """
          source = "" \\n format = "Unix"                           | timestamp source value is required if timestamp is specified
          source = "t" \\n format = ""                              | timestamp format is required
          source = "t" \\n format = "Unix" \\n location = "Mars/Base" | invalid location specified: %v: unknown time zone Mars/Base
          source = "t" \\n format = "Unix" \\n action_on_failure = "x" | invalid action on failure (supported values are [skip fudge])
          """)
  void configErrors(String body, String message) {
    assertThat(StageFixtures.errors("stage.timestamp {\n" + body.replace("\\n", "\n") + "\n}"))
        .contains(message);
  }
}
