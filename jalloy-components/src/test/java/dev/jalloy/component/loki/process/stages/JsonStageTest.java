package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonStageTest {
  private static final String LINE =
      "{\"time\":\"2012-11-01T22:08:41+00:00\",\"app\":\"loki\",\"component\":[\"parser\",\"type\"],"
          + "\"level\":\"WARN\",\"nested\":{\"child\":\"value\",\"a\":1.5},\"duration\":125,"
          + "\"ok\":true,\"nothing\":null,\"a-b\":\"dash\",\"html\":\"<b>&\"}";

  static Stream<Case> cases() {
    return Stream.of(
        Case.of("strings, numbers as doubles, booleans, null")
            .stages(
                "stage.json { expressions = { app = \"\", dur = \"duration\", ok = \"\","
                    + " nothing = \"\", missing = \"\" } }")
            .input(LINE)
            .line(LINE)
            .extracted("app", "loki")
            .extracted("dur", 125.0)
            .extracted("ok", true)
            .extracted("nothing", null)
            .extracted("missing", null),
        Case.of("objects and arrays re-encoded as Go does, keys sorted")
            .stages(
                "stage.json { expressions = { nested = \"\", component = \"\", child ="
                    + " \"nested.child\", first = \"component[0]\", html = \"\" } }")
            .input(LINE)
            .extracted("nested", "{\"a\":1.5,\"child\":\"value\"}")
            .extracted("component", "[\"parser\",\"type\"]")
            .extracted("child", "value")
            .extracted("first", "parser")
            .extracted("html", "<b>&"),
        Case.of("regex extracts matching top-level keys")
            .stages("stage.json { regex = \"^(app|dur)\" }")
            .input(LINE)
            .extracted("app", "loki")
            .extracted("duration", 125.0),
        Case.of("quoted hyphenated key")
            .stages("stage.json { expressions = { ab = \"\\\"a-b\\\"\" } }")
            .input(LINE)
            .extracted("ab", "dash"),
        Case.of("from an extracted source")
            .stages(
                "stage.json { expressions = { inner = \"\" } }\n"
                    + "stage.json {\n expressions = { deep = \"x\" }\n source = \"inner\"\n}")
            .input("{\"inner\":{\"x\":\"y\"}}")
            .extracted("deep", "y"),
        Case.of("missing source does nothing")
            .stages("stage.json {\n expressions = { x = \"\" }\n source = \"nope\"\n}")
            .input("{\"x\":\"1\"}")
            .line("{\"x\":\"1\"}"),
        Case.of("malformed json passes unchanged")
            .stages("stage.json { expressions = { x = \"\" } }")
            .input("not json", "a", "b")
            .line("not json")
            .labels("a", "b"),
        Case.of("an array is not an object")
            .stages("stage.json {\n expressions = { x = \"\" }\n drop_malformed = true\n}")
            .input("[1,2]")
            .dropped(),
        Case.of("malformed json dropped with drop_malformed")
            .stages("stage.json {\n expressions = { x = \"\" }\n drop_malformed = true\n}")
            .input("{\"x\": ")
            .dropped(),
        Case.of("trailing garbage is malformed")
            .stages("stage.json {\n expressions = { x = \"\" }\n drop_malformed = true\n}")
            .input("{\"x\":1} trailing")
            .dropped());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extracts(Case c) throws Exception {
    c.check();
  }

  @Test
  void malformedDropsAreNotCounted() throws Exception {
    var run =
        new StageTesting.Run(
            "stage.json {\n expressions = { x = \"\" }\n drop_malformed = true\n}");
    assertThat(run.send(StageTesting.entry("nope"))).isEmpty();
    assertThat(run.drops).isEmpty();
  }

  @Test
  void configErrors() {
    assertThat(StageTesting.errors("stage.json { expressions = {} }"))
        .containsExactly("JMES expressions or regex is required");
    assertThat(StageTesting.errors("stage.json {\n expressions = { a = \"\" }\n source = \"\"\n}"))
        .containsExactly("empty source");
    assertThat(StageTesting.errors("stage.json { expressions = { a = \"a[\" } }"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("could not compile JMES expression");
  }

  @Test
  void goJsonFloats() {
    assertThat(JsonStage.goJsonFloat(1e21)).isEqualTo("1e+21");
    assertThat(JsonStage.goJsonFloat(1.5e-7)).isEqualTo("1.5e-07");
    assertThat(JsonStage.goJsonFloat(123456789)).isEqualTo("123456789");
    assertThat(JsonStage.goJsonFloat(0.5)).isEqualTo("0.5");
  }
}
