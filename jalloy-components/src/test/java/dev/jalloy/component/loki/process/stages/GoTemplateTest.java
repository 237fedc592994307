package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTemplateTest {
  private static final Map<String, Object> DATA =
      Map.of("Value", "Hello World", "app", "api", "level", "WARN", "n", "3", "empty", "");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          plain text                                               => plain text
          {{ .Value }}                                             => Hello World
          {{ .missing }}                                           => <no value>
          {{ .Value | ToUpper }}                                   => HELLO WORLD
          {{ ToLower .Value }}                                     => hello world
          {{ .level | ToLower | ToUpper }}                         => WARN
          {{ Replace .Value "o" "0" -1 }}                          => Hell0 W0rld
          {{ Replace .Value "o" "0" 1 }}                           => Hell0 World
          {{ Trim "--x--" "-" }}                                   => x
          {{ TrimLeft "--x--" "-" }}                               => x--
          {{ TrimRight "--x--" "-" }}                              => --x
          {{ TrimPrefix .Value "Hello " }}                         => World
          {{ TrimSuffix .Value " World" }}                         => Hello
          {{ TrimSpace "  x  " }}                                  => x
          {{ Sha2Hash "salt" "x" }}                                => c9ef43a03d58f2cb9b0c4b069c179595739f5181a5565c8db5dbb124564ea819
          {{ regexReplaceAll "(\\\\w+) (\\\\w+)" .Value "${2}-$1" }}    => World-Hello
          {{ regexReplaceAll "o" .Value "$1x" }}                   => Hell Wrld
          {{ regexReplaceAllLiteral "o" .Value "$1" }}             => Hell$1 W$1rld
          {{ if eq .level "WARN" }}w{{ else }}o{{ end }}           => w
          {{ if eq .level "INFO" }}i{{ else if eq .level "WARN" }}w{{ else }}o{{ end }} => w
          {{ if ne .app "api" }}x{{ else }}y{{ end }}              => y
          {{ if and .app .empty }}x{{ else }}y{{ end }}            => y
          {{ if or .empty .app }}x{{ end }}                        => x
          {{ if not .empty }}x{{ end }}                            => x
          {{ if .missing }}x{{ else }}y{{ end }}                   => y
          {{ with .app }}[{{ . }}]{{ end }}                        => [api]
          a {{- " b " -}} c                                        => a b c
          {{/* comment */}}x                                       => x
          {{ $x := .app }}{{ $x }}-{{ $.level }}                   => api-WARN
          {{ .app | upper }} {{ lower "ABC" }} {{ title "a b" }}   => API abc A B
          {{ default "none" .empty }} {{ default "none" .app }}     => none api
          {{ add .n 2 }} {{ sub 10 .n }} {{ mul 2 3 }} {{ div 7 2 }} {{ mod 7 2 }} => 5 7 6 3 1
          {{ printf "%s=%d %05.1f %q" .app 42 3.14159 "x" }}      => api=42 003.1 "x"
          {{ len .app }} {{ index . "app" }}                       => 3 api
          {{ range splitList "," "a,b,c" }}<{{ . }}>{{ end }}      => <a><b><c>
          {{ join "-" (splitList "," "a,b") }}                     => a-b
          {{ contains "ell" .Value }} {{ hasPrefix "He" .Value }} {{ hasSuffix "x" .Value }} => true true false
          {{ regexMatch "^H" .Value }} {{ regexFind "[A-Z]\\\\w+$" .Value }} => true World
          {{ b64enc "hi" }} {{ b64dec "aGk=" }} {{ sha256sum "" }} => aGk= hi e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
          {{ trunc 3 .Value }}|{{ substr 1 3 .Value }}|{{ repeat 2 "ab" }} => Hel|el|abab
          {{ coalesce .empty .missing .app }} {{ ternary "y" "n" true }} {{ empty .empty }} => api y true
          {{ quote .app }} {{ squote .app }} {{ cat "a" "b" }}     => "api" 'api' a b
          {{ 1.5 }} {{ 1e21 }} {{ true }}                          => 1.5 1e+21 true
          """)
  void renders(String template, String expected) {
    assertThat(GoTemplate.parse(template, TemplateFunctions.ALL).execute(DATA)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          {{ Nope .Value }}          => function "Nope" not defined
          {{ .Value                  => unclosed action
          {{ if .x }}a               => unexpected EOF
          {{ end }}                  => unexpected {{end}}
          {{ "abc }}                 => unterminated quoted string
          """)
  void parseErrors(String template, String message) {
    assertThatThrownBy(() -> GoTemplate.parse(template, TemplateFunctions.ALL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageStartingWith("template: pipeline_template:");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '\u00a4',
      textBlock =
          """
          {{ eq .n 3 }}             => incompatible types for comparison
          {{ .app.x }}              => can't evaluate field x in type string
          {{ .app 1 }}              => can't give argument to non-function .app
          """)
  void execErrors(String template, String message) {
    assertThatThrownBy(() -> GoTemplate.parse(template, TemplateFunctions.ALL).execute(DATA))
        .isInstanceOf(GoTemplate.ExecException.class)
        .hasMessageContaining(message);
  }
}
