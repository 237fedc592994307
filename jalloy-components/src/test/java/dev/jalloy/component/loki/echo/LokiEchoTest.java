package dev.jalloy.component.loki.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.testkit.ComponentHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class LokiEchoTest {
  @Test
  void logsEveryEntryAtInfo() throws Exception {
    try (var h = ComponentHarness.start(LokiEcho.REGISTRATION, "loki.echo \"e\" { }")) {
      h.exports(LokiEcho.Exports.class)
          .receiver()
          .receive(List.of(LogEntry.of(Labels.of("job", "j"), 1, "hello there")));
      assertThat(h.logs())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("level=info")
                      .contains("receiver=loki.echo.e")
                      .contains("hello there")
                      .contains("job"));
    }
  }
}
