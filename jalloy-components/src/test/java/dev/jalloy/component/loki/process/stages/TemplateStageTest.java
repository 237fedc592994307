package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.PipelineEntry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateStageTest {

  /**
   * Each case: source, template, extracted source value ("-" = absent), expected ("-" = removed).
   */
  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiterString = "=>",
      nullValues = "-",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          app   => {{ .Value | ToUpper }}                    => api   => API
          new   => {{ .app }}-{{ .level }}                   => -     => api-3
          new   => {{ .Entry }}                              => -     => the line
          app   => {{ if eq .Value "api" }}{{ end }}         => api   => -
          app   => {{ .Value }}{{ .nested }}                 => api   => api<no value>
          level => {{ add .level 1 }}                        => -     => 4
          app   => {{ Hash .Value "salt" }}                  => api   => b063b2c4b8f1f7482064473ce730bc59d3e3d30ca5f048525aca5effad8c95c7
          app   => {{ eq .level 3 }}                         => api   => api
          """)
  void renders(String source, String template, String value, String expected)
      throws InterruptedException {
    StageFixtures.Ctx ctx = new StageFixtures.Ctx();
    var stage = new TemplateConfig(source, template).build(ctx.context);
    PipelineEntry e = StageFixtures.entry("the line", 1, "app", "api");
    e.extracted.put("level", 3L);
    e.extracted.put("nested", Map.of("a", "b"));
    if (value != null) {
      e.extracted.put(source, value);
    }
    StageFixtures.run(stage, e);
    assertThat(e.extracted.get(source)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          source = "" \\n template = "x"                => template source value is required
          source = "a" \\n template = "{{ Nope }}"      => template: pipeline_template:1: function "Nope" not defined
          """)
  void configErrors(String body, String message) {
    Map<String, String> unused = new HashMap<>();
    assertThat(unused).isEmpty();
    assertThat(StageFixtures.errors("stage.template {\n" + body.replace("\\n", "\n") + "\n}"))
        .contains(message);
  }
}
