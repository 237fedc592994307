package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogfmtStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("mapping, same-name shorthand, quoted values")
            .stages("stage.logfmt { mapping = { lvl = \"level\", msg = \"\" } }")
            .input("time=2024-01-01 level=info msg=\"hello \\\"big\\\" world\" extra=1")
            .extracted("lvl", "info")
            .extracted("msg", "hello \"big\" world"),
        Case.of("bare key has an empty value")
            .stages("stage.logfmt { mapping = { flag = \"\" } }")
            .input("a=1 flag b=2")
            .extracted("flag", ""),
        Case.of("regex extracts matching keys under their names")
            .stages("stage.logfmt { regex = \"^http_\" }")
            .input("http_method=GET http_status=200 user=bob")
            .extracted("http_method", "GET")
            .extracted("http_status", "200"),
        Case.of("values before a syntax error are kept")
            .stages("stage.logfmt { mapping = { a = \"\", b = \"\" } }")
            .input("a=1 =oops b=2")
            .extracted("a", "1"),
        Case.of("from an extracted source")
            .stages(
                "stage.regex { expression = \"^\\\\[(?P<inner>.*)\\\\]$\" }\n"
                    + "stage.logfmt {\n mapping = { k = \"\" }\n source = \"inner\"\n}")
            .input("[k=v]")
            .extracted("k", "v"),
        Case.of("several lines are several records")
            .stages("stage.logfmt { mapping = { a = \"\", b = \"\" } }")
            .input("a=1\nb=2")
            .extracted("a", "1")
            .extracted("b", "2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extracts(Case c) throws Exception {
    c.check();
  }

  @Test
  void keysAfterAnErrorAreNotExtracted() throws Exception {
    var out =
        new StageTesting.Run("stage.logfmt { mapping = { a = \"\", b = \"\" } }")
            .send(StageTesting.entry("a=1 =oops b=2"));
    assertThat(out.getFirst().extracted).doesNotContainKey("b");
  }

  @Test
  void needsMappingOrRegex() {
    assertThat(StageTesting.errors("stage.logfmt { source = \"x\" }"))
        .containsExactly("logfmt mapping or regex is required");
  }
}
