package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PackStageTest {
  private static final long NOW = 1704164645_000_000_000L; // StageTesting.CLOCK

  static Stream<Case> cases() {
    return Stream.of(
        Case.of("packs listed labels sorted, removes them, stamps ingestion time")
            .stages("stage.pack { labels = [\"pod\", \"container\", \"absent\"] }")
            .input("log \"quoted\" <b>", "pod", "p1", "container", "c1", "job", "j")
            .line(
                "{\"container\":\"c1\",\"pod\":\"p1\",\"_entry\":\"log \\\"quoted\\\" \\u003cb\\u003e\"}")
            .labels("job", "j")
            .timestamp(NOW),
        Case.of("extracted values are packed too; ingest_timestamp = false keeps the time")
            .stages(
                "stage.json { expressions = { user = \"\" } }\n"
                    + "stage.pack {\n labels = [\"user\"]\n ingest_timestamp = false\n}")
            .input("{\"user\":7}", "job", "j")
            .line("{\"user\":\"7\",\"_entry\":\"{\\\"user\\\":7}\"}")
            .labels("job", "j")
            .timestamp(StageTesting.T0),
        Case.of("nothing found packs the line alone")
            .stages("stage.pack { labels = [\"absent\"] }")
            .input("plain\ttext")
            .line("{\"_entry\":\"plain\\ttext\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void packs(Case c) throws Exception {
    c.check();
  }
}
