package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.stages.StageTesting.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplaceStageTest {
  static Stream<Case> cases() {
    return Stream.of(
        Case.of("every match of every group, Value and extracted in the template")
            .stages(
                "stage.replace {\n expression = \"(\\\\d{2}.\\\\d{2}.\\\\d{2}.\\\\d{2}) - (\\\\S+)\"\n"
                    + " replace = \"<{{ .Value }}>\"\n}")
            .input("11.11.11.11 - frank 12.12.12.12 - joe end")
            .line("<11.11.11.11> - <frank> <12.12.12.12> - <joe> end"),
        Case.of("empty replace removes, named groups stored with their replacement")
            .stages(
                "stage.replace {\n expression = \"password=(?P<pw>\\\\S+)\"\n replace = \"\"\n}")
            .input("user=bob password=hunter2 ok")
            .line("user=bob password= ok")
            .extracted("pw", ""),
        Case.of("functions and pipelines")
            .stages(
                "stage.replace {\n expression = \"level=(\\\\w+) user=(\\\\w+)\"\n"
                    + " replace = \"{{ ToUpper .Value }}{{ .Value | ToLower }}\"\n}")
            .input("level=Warn user=Bob")
            .line("level=WARNwarn user=BOBbob"),
        Case.of("extracted values and missing keys")
            .stages(
                "stage.replace {\n expression = \"^(x)\"\n replace = \"{{ .job }}-{{ .nope }}\"\n}")
            .input("xyz", "job", "api")
            .line("api-<no value>yz"),
        Case.of("source is rewritten, the line is not")
            .stages(
                "stage.replace {\n expression = \"(secret)\"\n source = \"path\"\n replace = \"***\"\n}")
            .input("line", "path", "/a/secret/b")
            .line("line")
            .extracted("path", "/a/***/b"),
        Case.of("the whole Go template language, as stage.template has it")
            .stages(
                "stage.replace {\n expression = \"(\\\\w+)@\"\n"
                    + " replace = \"{{ if eq .Value \\\"bob\\\" }}{{ Replace .Value \\\"b\\\" \\\"B\\\" -1 }}"
                    + "{{ else }}someone{{ end }}\"\n}")
            .input("bob@example.com alice@example.com")
            .line("BoB@example.com someone@example.com"),
        Case.of("no match leaves everything")
            .stages("stage.replace {\n expression = \"(nomatch)\"\n replace = \"x\"\n}")
            .input("line")
            .line("line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void replaces(Case c) throws Exception {
    c.check();
  }

  @Test
  void malformedTemplatesFailAtLoad() {
    assertThat(
            StageTesting.errors(
                "stage.replace {\n expression = \"(a)\"\n replace = \"{{ if .x }}y\"\n}"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("template: pipeline_template:1:");
    assertThat(StageTesting.errors("stage.replace { expression = \"\" }"))
        .containsExactly("regex must not be empty");
  }
}
