package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecolorizeStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("colours")
            .stages("stage.decolorize {}")
            .input("\u001B[0;32mINFO\u001B[0m done \u001B[1;31;40mERR\u001B[m")
            .line("INFO done ERR"),
        Case.of("cursor and OSC sequences")
            .stages("stage.decolorize {}")
            .input("\u001B[2Kline\u001B]0;title\u0007!")
            .line("line!"),
        Case.of("plain text unchanged")
            .stages("stage.decolorize {}")
            .input("[0;32m not an escape")
            .line("[0;32m not an escape"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void strips(Case c) throws Exception {
    c.check();
  }
}
