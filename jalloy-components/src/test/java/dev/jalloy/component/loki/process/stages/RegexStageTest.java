package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegexStageTest {
  private static final String NGINX =
      "11.11.11.11 - frank [25/Jan/2000:14:00:01 -0500] \"GET /1986.js HTTP/1.1\" 200 932";

  static Stream<Case> cases() {
    return Stream.of(
        Case.of("named groups, unanchored")
            .stages(
                "stage.regex { expression = \"(?P<ip>\\\\S+) - (?P<user>\\\\S+) .*\\\"(?P<method>\\\\w+) \" }")
            .input(NGINX, "job", "nginx")
            .line(NGINX)
            .labels("job", "nginx")
            .extracted("ip", "11.11.11.11")
            .extracted("user", "frank")
            .extracted("method", "GET"),
        Case.of("unnamed groups are ignored, unmatched optional group is empty")
            .stages("stage.regex { expression = \"(\\\\d+) (?P<opt>x)?(?P<rest>.*)\" }")
            .input("200 y")
            .extracted("opt", "")
            .extracted("rest", "y"),
        Case.of("no match leaves the entry alone")
            .stages("stage.regex { expression = \"^(?P<x>nomatch)$\" }")
            .input("something", "a", "b")
            .line("something")
            .labels("a", "b"),
        Case.of("labels_from_groups sets labels too")
            .stages(
                "stage.regex {\n expression = \"level=(?P<level>\\\\w+)\"\n labels_from_groups = true\n}")
            .input("level=warn", "level", "old")
            .labels("level", "warn")
            .extracted("level", "warn"),
        Case.of("source reads an extracted value, labels included")
            .stages(
                "stage.regex {\n expression = \"/var/log/(?P<app>[^/]+)/\"\n source = \"filename\"\n}")
            .input("line", "filename", "/var/log/nginx/access.log")
            .extracted("app", "nginx"),
        Case.of("a numeric extracted source is matched as text")
            .stages(
                "stage.json { expressions = { n = \"\" } }\n"
                    + "stage.regex {\n expression = \"^(?P<int>\\\\d+)\\\\.(?P<frac>\\\\d+)$\"\n source = \"n\"\n}")
            .input("{\"n\": 12.50}")
            .extracted("int", "12")
            .extracted("frac", "5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extracts(Case c) throws Exception {
    c.check();
  }

  @Test
  void configErrors() {
    assertThat(StageTesting.errors("stage.regex { expression = \"\" }"))
        .containsExactly("expression is required");
    assertThat(StageTesting.errors("stage.regex {\n expression = \"a\"\n source = \"\"\n}"))
        .containsExactly("empty source");
    assertThat(StageTesting.errors("stage.regex { expression = \"(?P<x>\" }"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("could not compile regular expression");
  }
}
