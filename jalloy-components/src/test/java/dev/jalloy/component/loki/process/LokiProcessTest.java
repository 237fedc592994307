package dev.jalloy.component.loki.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.CollectingLogsReceiver;
import dev.jalloy.testkit.ComponentHarness;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LokiProcessTest {
  /** CRI container logs: the stages docker-host.alloy and the benchmark use. */
  private static final String CONFIG =
      """
      loki.process "containers" {
        forward_to = [sink.receiver]

        stage.cri { }

        stage.regex {
          source     = "filename"
          expression = "/var/log/pods/(?P<namespace>[^_]+)_(?P<pod>[^_]+)_"
        }

        stage.regex {
          expression = "level=(?P<level>\\\\w+)"
        }

        stage.labels {
          values = { namespace = "", pod = "", level = "" }
        }

        stage.label_drop {
          values = ["filename"]
        }
      }
      """;

  private static final String FILE = "/var/log/pods/shop_cart-7d9_0a1b/cart/0.log";

  private final CollectingLogsReceiver sink = new CollectingLogsReceiver();

  private ComponentHarness<LokiProcess.Arguments> start(String source) throws Exception {
    return ComponentHarness.builder(LokiProcess.REGISTRATION)
        .variable(
            "sink", Value.object(Map.of("receiver", Value.capsule("loki.LogsReceiver", sink))))
        .start(source);
  }

  private static void send(ComponentHarness<LokiProcess.Arguments> h, LogEntry... entries)
      throws InterruptedException {
    h.exports(LokiProcess.Exports.class).receiver().receive(List.of(entries));
  }

  private static LogEntry entry(String line) {
    return LogEntry.of(Labels.of("filename", FILE, "job", "pods"), 1, line);
  }

  @Test
  void runsTheStagesInFileOrderAndForwardsBeforeReturning() throws Exception {
    try (var h = start(CONFIG)) {
      send(
          h,
          entry("2024-05-01T10:00:00.5Z stdout F level=info msg=\"added item\""),
          entry("2024-05-01T10:00:01Z stderr F level=error msg=\"payment failed\""),
          entry("not a cri line"));
      // synchronous: everything is downstream when receive returns
      assertThat(sink.entries).hasSize(3);
      LogEntry first = sink.entries.get(0);
      assertThat(first.line()).isEqualTo("level=info msg=\"added item\"");
      assertThat(first.labels())
          .isEqualTo(
              Labels.of(
                  "job",
                  "pods",
                  "namespace",
                  "shop",
                  "pod",
                  "cart-7d9",
                  "level",
                  "info",
                  "stream",
                  "stdout"));
      assertThat(first.timestampNanos()).isEqualTo(1714557600_500_000_000L);
      assertThat(sink.entries.get(1).labels().get("level")).isEqualTo("error");
      assertThat(sink.entries.get(1).labels().get("stream")).isEqualTo("stderr");
      assertThat(sink.entries.get(2).line()).isEqualTo("not a cri line");
      assertThat(sink.entries.get(2).labels())
          .isEqualTo(Labels.of("job", "pods", "namespace", "shop", "pod", "cart-7d9"));
    }
  }

  @Test
  void partialLinesAreJoinedAcrossBatches() throws Exception {
    try (var h = start(CONFIG)) {
      send(h, entry("2024-05-01T10:00:00Z stdout P level=warn part one, "));
      assertThat(sink.entries).isEmpty();
      send(h, entry("2024-05-01T10:00:00Z stdout F part two"));
      assertThat(sink.lines()).containsExactly("level=warn part one, part two");
    }
  }

  @Test
  void anUpdateFlushesWhatTheOldPipelineHolds() throws Exception {
    try (var h = start(CONFIG)) {
      send(h, entry("2024-05-01T10:00:00Z stdout P held "));
      h.update(
          CONFIG.replace(
              "stage.cri { }", "stage.cri { }\n stage.static_labels { values = { v = \"2\" } }"));
      assertThat(sink.lines()).containsExactly("held ");
      assertThat(sink.entries.getFirst().labels().has("v")).isFalse();
      send(h, entry("2024-05-01T10:00:00Z stdout F new"));
      assertThat(sink.entries.get(1).labels().get("v")).isEqualTo("2");
    }
  }

  @Test
  void stoppingFlushesEverythingAndLaterSendsFail() throws Exception {
    var h = start(CONFIG);
    send(h, entry("2024-05-01T10:00:00Z stdout P last words"));
    var receiver = h.exports(LokiProcess.Exports.class).receiver();
    h.close();
    assertThat(sink.lines()).containsExactly("last words");
    assertThatThrownBy(() -> receiver.receive(List.of(entry("x"))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void dropsAreCountedByReason() throws Exception {
    try (var h =
        start(
            """
            loki.process "s" {
              forward_to = [sink.receiver]
              stage.sampling {
                rate                = 0
                drop_counter_reason = "noisy"
              }
            }
            """)) {
      send(h, entry("a"), entry("b"));
      assertThat(sink.entries).isEmpty();
      assertThat(dropped(h, "noisy")).isEqualTo(2.0);
    }
  }

  @Test
  void concurrentSendersLoseNothing() throws Exception {
    try (var h = start(CONFIG)) {
      var pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      for (int i = 0; i < 250; i++) {
                        send(h, entry("2024-05-01T10:00:00Z stdout F t" + thread + " " + i));
                      }
                      return null;
                    }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      assertThat(sink.entries).hasSize(1000);
      assertThat(sink.lines()).contains("t0 0", "t3 249");
    }
  }

  @Test
  void aBadStageIsAConfigurationError() {
    var decoded =
        ComponentHarness.decode(
            LokiProcess.REGISTRATION,
            """
            loki.process "x" {
              forward_to = []
              stage.regex { expression = "(" }
            }
            """);
    assertThat(decoded.ok()).isFalse();
  }

  private static double dropped(ComponentHarness<?> h, String reason) {
    return h.registry().scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals("loki_process_dropped_lines"))
        .flatMap(m -> m.getDataPoints().stream())
        .filter(d -> reason.equals(d.getLabels().get("reason")))
        .mapToDouble(d -> ((CounterSnapshot.CounterDataPointSnapshot) d).getValue())
        .sum();
  }
}
