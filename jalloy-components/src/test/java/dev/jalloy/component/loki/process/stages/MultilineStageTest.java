package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultilineStageTest {

  /**
   * Each case: extra arguments, then the script: {@code a:line} sends a line on stream a, {@code
   * +Ns} moves the clock, {@code flush} / {@code flushall} flush; then the emitted lines, {@code
   * \n} written as {@code /}, entries separated by {@code ,}.
   */
  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
           => a:[1] x;a:  at y;a:[2] z;flushall            => [1] x/  at y,[2] z
           => a:[1] x;a:  at y;flush                       => (none)
           => a:[1] x;a:  at y;+3s;flush                   => [1] x/  at y
           max_wait_time = "10s" => a:[1] x;+5s;flush;a:y;+9s;flush  => (none)
           max_wait_time = "10s" => a:[1] x;+5s;a:y;+10s;flush       => [1] x/y
           => a:[1] x;b:[1] p;a:y;b:q;a:[2] z;flushall     => [1] x/y,[2] z,[1] p/q
           max_lines = 2 => a:[1] x;a:y;a:z;a:w;a:[2] v;flushall   => [1] x/y,z/w,[2] v
           => a:orphan;a:[1] x;flushall                    => orphan,[1] x
           => a:[1] x\\r\\n;a:y\\n;flushall                => [1] x/y
           trim_newlines = false => a:[1] x\\r;a:y;flushall => [1] x\\r/y
          """)
  void joins(String args, String script, String expected) throws InterruptedException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx();
    String body = "firstline = \"^\\\\[\\\\d+\\\\]\"\n" + (args == null ? "" : args);
    Stage stage = StageFixtures.config("stage.multiline {\n" + body + "\n}").build(ctx.context);
    List<PipelineEntry> out = new ArrayList<>();
    for (String step : script.split(";")) {
      if (step.startsWith("+")) {
        ctx.clock.now = ctx.clock.now.plus(Duration.parse("PT" + step.substring(1)));
      } else if (step.equals("flush") || step.equals("flushall")) {
        stage.flush(out::add, step.equals("flushall"));
      } else {
        String line = step.substring(2).replace("\\r", "\r").replace("\\n", "\n");
        stage.process(StageFixtures.entry(line, out.size(), "s", step.substring(0, 1)), out::add);
      }
    }
    String got =
        String.join(
            ",", out.stream().map(e -> e.line.replace("\n", "/").replace("\r", "\\r")).toList());
    assertThat(got.isEmpty() ? "(none)" : got).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          firstline = ""                             => multiline stage config must define `firstline` regular expression
          firstline = "(" => multiline stage first line regex compilation error: error parsing regexp: missing closing ): `(`
          firstline = "x" \\n max_wait_time = "0s"   => multiline stage `max_wait_time` parse error: must be greater than 0
          """)
  void configErrors(String body, String message) {
    assertThat(StageFixtures.errors("stage.multiline {\n" + body.replace("\\n", "\n") + "\n}"))
        .contains(message);
  }
}
