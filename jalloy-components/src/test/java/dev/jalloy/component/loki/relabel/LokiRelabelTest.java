package dev.jalloy.component.loki.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.CollectingLogsReceiver;
import dev.jalloy.testkit.ComponentHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LokiRelabelTest {
  private static final String CONFIG =
      """
      loki.relabel "x" {
        forward_to = [sink.receiver]
        rule {
          source_labels = ["level"]
          regex         = "debug"
          action        = "drop"
        }
        rule {
          source_labels = ["__path__"]
          regex         = "/var/log/(\\\\w+)\\\\.log"
          target_label  = "app"
        }
        rule {
          regex  = "__path__|tmp"
          action = "labeldrop"
        }
      }
      """;

  private final CollectingLogsReceiver sink = new CollectingLogsReceiver();

  private ComponentHarness<LokiRelabel.Arguments> start(String source) throws Exception {
    return ComponentHarness.builder(LokiRelabel.REGISTRATION)
        .variable(
            "sink", Value.object(Map.of("receiver", Value.capsule("loki.LogsReceiver", sink))))
        .start(source);
  }

  @Test
  void relabelsDropsAndKeepsLineTimestampAndMetadata() throws Exception {
    try (var h = start(CONFIG)) {
      var receiver = h.exports(LokiRelabel.Exports.class).receiver();
      LogEntry kept =
          new LogEntry(
              Labels.of("__path__", "/var/log/api.log", "level", "info"),
              42,
              "hello",
              Labels.of("trace", "t1"));
      receiver.receive(
          List.of(
              kept,
              LogEntry.of(Labels.of("level", "debug"), 43, "noise"),
              LogEntry.of(Labels.of("tmp", "x"), 44, "emptied")));
      assertThat(sink.entries)
          .containsExactly(kept.withLabels(Labels.of("app", "api", "level", "info")));
      assertThat(h.exports(LokiRelabel.Exports.class).rules().rules()).hasSize(3);
    }
  }

  @Test
  void maxCacheSizeDefaultsTo10000AndMustBePositive() {
    var d =
        ComponentHarness.decode(LokiRelabel.REGISTRATION, "loki.relabel \"x\" { forward_to = [] }");
    assertThat(d.value().orElseThrow().maxCacheSize()).isEqualTo(10_000);
    var bad =
        ComponentHarness.decode(
            LokiRelabel.REGISTRATION,
            "loki.relabel \"x\" {\n forward_to = []\n max_cache_size = 0\n}");
    assertThat(bad.diagnostics().toString())
        .contains("max_cache_size must be greater than 0 and is 0");
  }

  @Test
  void cachedResultsAreReused() throws Exception {
    try (var h = start(CONFIG)) {
      var receiver = h.exports(LokiRelabel.Exports.class).receiver();
      for (int i = 0; i < 3; i++) {
        receiver.receive(List.of(LogEntry.of(Labels.of("level", "warn"), i, "l" + i)));
      }
      assertThat(sink.lines()).containsExactly("l0", "l1", "l2");
      assertThat(counter(h, "loki_relabel_cache_hits")).isEqualTo(2.0);
      assertThat(counter(h, "loki_relabel_entries_processed")).isEqualTo(3.0);
    }
  }

  private static double counter(ComponentHarness<?> h, String name) {
    return h.registry().scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals(name))
        .flatMap(m -> m.getDataPoints().stream())
        .mapToDouble(
            d ->
                ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) d)
                    .getValue())
        .sum();
  }
}
