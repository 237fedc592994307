package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogqlSelectorTest {

  @ParameterizedTest(name = "{0} on {1} / {2} -> {3}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          {app="x"}                                 ; app=x         ; line    ; true
          {app="x"}                                 ; app=y         ; line    ; false
          {app="y", env!="x"}                       ; app=y         ; line    ; true
          { app = "x" , env =~ "prod|dev" }         ; app=x,env=dev ; line    ; true
          {app="x", env=~"prod|dev"}                ; app=x,env=devx; line    ; false
          {app="x", env!~"prod|dev"}                ; app=x,env=qa  ; line    ; true
          {app="x", env!~"prod|dev"}                ; app=x,env=prod; line    ; false
          {app="x", missing=""}                     ; app=x         ; line    ; true
          {app=~".+"}                               ; env=qa        ; line    ; false
          {app="x"} |= "error"                      ; app=x         ; an error; true
          {app="x"} |= "error"                      ; app=x         ; all good; false
          {app="x"} |= "error" != "debug"           ; app=x         ; error debug; false
          {app="x"} |~ "err(or)?\\\\s"              ; app=x         ; err here; true
          {app="x"} |~ "^a"                         ; app=x         ; ba      ; false
          {app="x"} !~ "[0-9]+"                     ; app=x         ; abc     ; true
          {app="x"} !~ "[0-9]+"                     ; app=x         ; ab1     ; false
          {app="x"} |= `back\\tick`                 ; app=x         ; back\\tick; true
          {app="x"} |= "tab\\there"                 ; app=x         ; tab	here; true
          """)
  void matches(String selector, String labels, String line, boolean expected) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String kv : labels.split(",")) {
      String[] p = kv.split("=", 2);
      m.put(p[0], p[1]);
    }
    assertThat(LogqlSelector.parse(selector).matches(m, line)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          app="x"                  ; parse error at line 1, col 1: syntax error: unexpected IDENTIFIER, expecting OPEN_BRACE
          {app="x"                 ; parse error at line 1, col 9: syntax error: unexpected $end, expecting CLOSE_BRACE or COMMA
          {app=x}                  ; parse error at line 1, col 6: syntax error: unexpected IDENTIFIER, expecting STRING
          {app>"x"}                ; parse error at line 1, col 5: syntax error: unexpected character: '>'
          {app="x"} |= error       ; parse error at line 1, col 14: syntax error: unexpected IDENTIFIER, expecting STRING
          {app="x"} | json         ; parse error at line 1, col 11: only line filters are supported, not label filters or parsers
          {app=~"("}               ; parse error at line 1, col 7: error parsing regexp: missing closing ): `^(?s:()$`
          {app="x"} |~ "a("        ; parse error at line 1, col 14: error parsing regexp: missing closing ): `a(`
          {app="x} |= "a"          ; parse error at line 1, col 15: literal not terminated
          {app=~".*"}              ; parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will
          {}                       ; parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will
          """)
  void errors(String selector, String message) {
    assertThatThrownBy(() -> LogqlSelector.parse(selector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
