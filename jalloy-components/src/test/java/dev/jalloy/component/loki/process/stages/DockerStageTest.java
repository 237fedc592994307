package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DockerStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("json-file line")
            .stages("stage.docker {}")
            .input(
                "{\"log\":\"log message\\n\",\"stream\":\"stderr\",\"time\":\"2019-04-30T02:12:41.8443515Z\"}",
                "job",
                "docker")
            .line("log message\n")
            .labels("job", "docker", "stream", "stderr")
            .timestamp(1556590361844351500L)
            .extracted("output", "log message\n")
            .extracted("stream", "stderr")
            .extracted("timestamp", "2019-04-30T02:12:41.8443515Z"),
        Case.of("not json is unchanged")
            .stages("stage.docker {}")
            .input("plain text", "a", "b")
            .line("plain text")
            .labels("a", "b")
            .timestamp(StageTesting.T0),
        Case.of("missing fields are empty strings")
            .stages("stage.docker {}")
            .input("{\"attrs\":{\"x\":1}}")
            .line("")
            .extracted("stream", "")
            .timestamp(StageTesting.T0),
        Case.of("field names match case-insensitively")
            .stages("stage.docker {}")
            .input("{\"LOG\":\"x\",\"Stream\":\"stdout\"}")
            .line("x")
            .labels("stream", "stdout"),
        Case.of("a field of another type leaves the entry alone")
            .stages("stage.docker {}")
            .input("{\"log\":1,\"stream\":\"stdout\"}")
            .line("{\"log\":1,\"stream\":\"stdout\"}")
            .labels());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parses(Case c) throws Exception {
    c.check();
  }
}
