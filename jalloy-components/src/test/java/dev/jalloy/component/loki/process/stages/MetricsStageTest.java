package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MetricsStageTest {

  /**
   * Entries fed to every case: (app label, extracted level, extracted bytes, line). The third entry
   * has no {@code level}.
   */
  private static PipelineEntry[] entries() {
    PipelineEntry a = StageFixtures.entry("hello", 1, "app", "a");
    a.extracted.put("level", "error");
    a.extracted.put("bytes", "10");
    a.extracted.put("latency", "250ms");
    PipelineEntry b = StageFixtures.entry("hi", 2, "app", "a");
    b.extracted.put("level", "info");
    b.extracted.put("bytes", 5.5);
    b.extracted.put("latency", "2");
    PipelineEntry c = StageFixtures.entry("x", 3, "app", "b");
    c.extracted.put("bytes", "nope");
    c.extracted.put("latency", true);
    return new PipelineEntry[] {a, b, c};
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "counter inc on a value, custom description",
            """
            metric.counter {
              name        = "errors_total"
              description = "error lines"
              source      = "level"
              value       = "error"
              action      = "inc"
            }
            """,
            """
            # HELP loki_process_custom_errors_total error lines
            # TYPE loki_process_custom_errors_total counter
            loki_process_custom_errors_total{app="a"} 1.0
            """),
        Arguments.of(
            "counter match_all with count_entry_bytes and a prefix",
            """
            metric.counter {
              name              = "bytes_total"
              prefix            = "my_"
              match_all         = true
              count_entry_bytes = true
              action            = "add"
            }
            metric.counter {
              name      = "lines_total"
              match_all = true
              action    = "inc"
            }
            """,
            """
            # TYPE loki_process_custom_lines_total counter
            loki_process_custom_lines_total{app="a"} 2.0
            loki_process_custom_lines_total{app="b"} 1.0
            # TYPE my_bytes_total counter
            my_bytes_total{app="a"} 7.0
            my_bytes_total{app="b"} 1.0
            """),
        Arguments.of(
            "counter add from the source named like the metric; unparsable values skipped",
            """
            metric.counter {
              name   = "bytes"
              action = "add"
            }
            """,
            """
            # TYPE loki_process_custom_bytes_total counter
            loki_process_custom_bytes_total{app="a"} 15.5
            """),
        Arguments.of(
            "gauge actions",
            """
            metric.gauge {
              name   = "set"
              source = "bytes"
              action = "set"
            }
            metric.gauge {
              name   = "up"
              source = "bytes"
              action = "inc"
            }
            metric.gauge {
              name   = "down"
              source = "bytes"
              action = "sub"
            }
            """,
            """
            # TYPE loki_process_custom_down gauge
            loki_process_custom_down{app="a"} -15.5
            # TYPE loki_process_custom_set gauge
            loki_process_custom_set{app="a"} 5.5
            # TYPE loki_process_custom_up gauge
            loki_process_custom_up{app="a"} 2.0
            loki_process_custom_up{app="b"} 1.0
            """),
        Arguments.of(
            "histogram of durations, numbers and bools",
            """
            metric.histogram {
              name    = "latency_seconds"
              source  = "latency"
              buckets = [0.5, 1]
            }
            """,
            """
            # TYPE loki_process_custom_latency_seconds histogram
            loki_process_custom_latency_seconds_bucket{app="a",le="0.5"} 1
            loki_process_custom_latency_seconds_bucket{app="a",le="1.0"} 1
            loki_process_custom_latency_seconds_bucket{app="a",le="+Inf"} 2
            loki_process_custom_latency_seconds_count{app="a"} 2
            loki_process_custom_latency_seconds_sum{app="a"} 2.25
            loki_process_custom_latency_seconds_bucket{app="b",le="0.5"} 0
            loki_process_custom_latency_seconds_bucket{app="b",le="1.0"} 1
            loki_process_custom_latency_seconds_bucket{app="b",le="+Inf"} 1
            loki_process_custom_latency_seconds_count{app="b"} 1
            loki_process_custom_latency_seconds_sum{app="b"} 1.0
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exposes(String name, String metrics, String expected)
      throws InterruptedException, IOException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx();
    Stage stage = StageFixtures.config("stage.metrics {\n" + metrics + "}").build(ctx.context);
    assertThat(StageFixtures.run(stage, entries())).hasSize(3);
    assertThat(scrape(ctx)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "idle {0}")
  @CsvSource({"4m, 1", "6m, 0"})
  void idleSeriesAreRemoved(String idle, int series) throws InterruptedException, IOException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx();
    Stage stage =
        StageFixtures.config(
                """
                stage.metrics {
                  metric.counter {
                    name      = "lines_total"
                    match_all = true
                    action    = "inc"
                  }
                }
                """)
            .build(ctx.context);
    StageFixtures.run(stage, StageFixtures.entry("x", 1, "app", "a"));
    ctx.clock.now = ctx.clock.now.plus(Duration.parse("PT" + idle.toUpperCase()));
    assertThat(scrape(ctx).lines().filter(l -> l.startsWith("loki_process_custom_lines_total{")))
        .hasSize(series);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          metric.counter {\\nname = "a"\\naction = "del"\\n}                               => action del is not valid, action must be either `inc` or `add`
          metric.counter {\\nname = "a"\\naction = ""\\n}                                  => counter action must be defined as either `inc` or `add`
          metric.counter {\\nname = "a"\\naction = "inc"\\nmatch_all = true\\nvalue = "x"\\n} => `match_all: true` cannot be combined with `value`, please remove `match_all` or `value`
          metric.counter {\\nname = "a"\\naction = "add"\\ncount_entry_bytes = true\\n}     => `count_entry_bytes: true` can only be set with `match_all: true`
          metric.counter {\\nname = "a"\\naction = "inc"\\nmatch_all = true\\ncount_entry_bytes = true\\n} => `count_entry_bytes: true` can only be used with `action: add`
          metric.gauge {\\nname = "a"\\naction = "mul"\\n}                                 => action mul is not valid, action must be `set`, `inc`, `dec`, `add`, or `sub`
          metric.gauge {\\nname = "a-b"\\naction = "inc"\\n}                               => invalid metric name: loki_process_custom_a-b
          metric.gauge {\\nname = "a"\\naction = "inc"\\nmax_idle_duration = "500ms"\\n}   => max_idle_duration less than 1s not allowed
          """)
  void configErrors(String body, String message) {
    assertThat(StageFixtures.errors("stage.metrics {\n" + body.replace("\\n", "\n") + "\n}"))
        .contains(message);
  }

  private static String scrape(StageFixtures.Ctx ctx) throws IOException {
    var out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, ctx.registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
