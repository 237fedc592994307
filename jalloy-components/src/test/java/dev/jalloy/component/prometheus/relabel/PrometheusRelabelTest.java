package dev.jalloy.component.prometheus.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Samples;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.CollectingReceiver;
import dev.jalloy.testkit.ComponentHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PrometheusRelabelTest {
  private static final String CONFIG =
      """
      prometheus.relabel "x" {
        forward_to = [sink.receiver]
        rule {
          source_labels = ["__name__"]
          regex         = "debug_.*"
          action        = "drop"
        }
        rule {
          source_labels = ["instance"]
          regex         = "([^:]+):.*"
          target_label  = "host"
        }
      }
      """;

  private final CollectingReceiver sink = new CollectingReceiver();

  private ComponentHarness<PrometheusRelabel.Arguments> start(String source) throws Exception {
    return ComponentHarness.builder(PrometheusRelabel.REGISTRATION)
        .variable("sink", Value.object(Map.of("receiver", Value.capsule("MetricsReceiver", sink))))
        .start(source);
  }

  private static void send(
      ComponentHarness<PrometheusRelabel.Arguments> h, Labels labels, double value) {
    Appender a = h.exports(PrometheusRelabel.Exports.class).receiver().appender();
    a.append(0, labels, 1000, value);
    a.commit();
  }

  private static double metric(ComponentHarness<?> h, String name) {
    return h.registry().scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals(name))
        .findFirst()
        .map(
            m ->
                switch (m.getDataPoints().getFirst()) {
                  case io.prometheus.metrics.model.snapshots.CounterSnapshot
                              .CounterDataPointSnapshot
                          c ->
                      c.getValue();
                  case io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot
                          g ->
                      g.getValue();
                  default -> Double.NaN;
                })
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  @Test
  void keepsDropsAndRewritesThenForwards() throws Exception {
    try (var h = start(CONFIG)) {
      send(h, Labels.of("__name__", "up", "instance", "web:9100"), 1);
      send(h, Labels.of("__name__", "debug_x", "instance", "web:9100"), 2);
      send(h, Labels.of("__name__", "up", "job", "j"), 3);

      assertThat(sink.samples)
          .containsExactly(
              new CollectingReceiver.Sample(
                  Labels.of("__name__", "up", "instance", "web:9100", "host", "web"), 1000, 1),
              new CollectingReceiver.Sample(Labels.of("__name__", "up", "job", "j"), 1000, 3));
      assertThat(metric(h, "alloy_prometheus_relabel_metrics_processed")).isEqualTo(3);
      assertThat(metric(h, "alloy_prometheus_relabel_metrics_written")).isEqualTo(2);
    }
  }

  @Test
  void exportsTheRules() throws Exception {
    try (var h = start(CONFIG)) {
      assertThat(h.exports(PrometheusRelabel.Exports.class).rules().rules())
          .extracting(Rule::action)
          .containsExactly("drop", "replace");
    }
  }

  @Test
  void exemplarsAndMetadataFollowTheirSeries() throws Exception {
    try (var h = start(CONFIG)) {
      Appender a = h.exports(PrometheusRelabel.Exports.class).receiver().appender();
      Exemplar e = new Exemplar(Labels.of("trace_id", "abc"), 1000, 0.5);
      a.appendExemplar(0, Labels.of("__name__", "debug_x"), e);
      a.appendExemplar(0, Labels.of("__name__", "up", "instance", "a:1"), e);
      a.commit();
      assertThat(sink.exemplarSeries)
          .containsExactly(Labels.of("__name__", "up", "instance", "a:1", "host", "a"));
    }
  }

  @Test
  void repeatedSeriesHitTheCache() throws Exception {
    try (var h = start(CONFIG)) {
      Labels up = Labels.of("__name__", "up", "instance", "web:9100");
      send(h, up, 1);
      send(h, up, 2);
      send(h, Labels.of("__name__", "debug_x"), 3);
      send(h, Labels.of("__name__", "debug_x"), 4);

      assertThat(metric(h, "alloy_prometheus_relabel_cache_misses")).isEqualTo(2);
      assertThat(metric(h, "alloy_prometheus_relabel_cache_hits")).isEqualTo(2);
      assertThat(metric(h, "alloy_prometheus_relabel_cache_size")).isEqualTo(2);
      assertThat(sink.samples).hasSize(2);
    }
  }

  @Test
  void theCacheIsBoundedByMaxCacheSize() throws Exception {
    try (var h = start(CONFIG.replace("forward_to", "max_cache_size = 2\n  forward_to"))) {
      for (int i = 0; i < 5; i++) {
        send(h, Labels.of("__name__", "up", "i", Integer.toString(i)), i);
      }
      assertThat(metric(h, "alloy_prometheus_relabel_cache_size")).isEqualTo(2);
    }
  }

  @Test
  void aJobSlightlyLargerThanTheCacheStillMostlyHits() throws Exception {
    // 110 series scraped in the same order every time through a cache of 100: an LRU would evict
    // each series just before it comes round again and miss on every sample.
    try (var h = start(CONFIG.replace("forward_to", "max_cache_size = 100\n  forward_to"))) {
      long[] refs = new long[110];
      for (int round = 0; round < 20; round++) {
        Appender a = h.exports(PrometheusRelabel.Exports.class).receiver().appender();
        for (int i = 0; i < refs.length; i++) {
          refs[i] =
              a.append(refs[i], Labels.of("__name__", "up", "i", Integer.toString(i)), round, 1);
        }
        a.commit();
      }
      double misses = metric(h, "alloy_prometheus_relabel_cache_misses");
      double hits = metric(h, "alloy_prometheus_relabel_cache_hits");
      assertThat(hits + misses).isEqualTo(2200);
      // The first round misses 110; after that the 10 that cannot fit, and what the few admitted
      // among them evict (about 11 a round; admitting every miss made it about 20).
      assertThat(misses - 110).isLessThan(15 * 19);
      assertThat(metric(h, "alloy_prometheus_relabel_cache_size")).isEqualTo(100);
    }
  }

  @Test
  void anUpdateAppliesNewRulesAndClearsTheCache() throws Exception {
    try (var h = start(CONFIG)) {
      Labels debug = Labels.of("__name__", "debug_x");
      send(h, debug, 1);
      assertThat(sink.samples).isEmpty();

      h.update(
          """
          prometheus.relabel "x" {
            forward_to = [sink.receiver]
            rule {
              target_label = "env"
              replacement  = "prod"
            }
          }
          """);
      send(h, debug, 2);

      assertThat(sink.samples)
          .containsExactly(
              new CollectingReceiver.Sample(
                  Labels.of("__name__", "debug_x", "env", "prod"), 1000, 2));
      assertThat(metric(h, "alloy_prometheus_relabel_cache_misses")).isEqualTo(2);
    }
  }

  @Test
  void staleMarkersAreRelabeledForwardedAndEvictTheSeries() throws Exception {
    try (var h = start(CONFIG)) {
      Labels up = Labels.of("__name__", "up", "instance", "web:9100");
      send(h, up, 1);
      send(h, up, Samples.STALE_NAN);

      assertThat(sink.samples).hasSize(2);
      CollectingReceiver.Sample stale = sink.samples.get(1);
      assertThat(stale.labels()).isEqualTo(sink.samples.get(0).labels());
      assertThat(Samples.isStale(stale.value())).isTrue();
      assertThat(metric(h, "alloy_prometheus_relabel_cache_size")).isZero();
      assertThat(metric(h, "alloy_prometheus_relabel_cache_deletes")).isEqualTo(1);
    }
  }

  @Test
  void seriesLeftWithoutLabelsAreDropped() throws Exception {
    String source =
        """
        prometheus.relabel "x" {
          forward_to = [sink.receiver]
          rule {
            regex  = ".*"
            action = "labeldrop"
          }
        }
        """;
    try (var h = start(source)) {
      send(h, Labels.of("__name__", "up"), 1);
      assertThat(sink.samples).isEmpty();
    }
  }

  @Test
  void concurrentAppendersGetTheSameResults() throws Exception {
    try (var h = start(CONFIG);
        var pool = Executors.newFixedThreadPool(8)) {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(
            () -> {
              for (int i = 0; i < 500; i++) {
                send(h, Labels.of("__name__", "up", "instance", "h" + (i % 50) + ":1"), i);
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
      assertThat(sink.samples).hasSize(4000);
      assertThat(sink.samples)
          .allSatisfy(
              s -> assertThat(s.labels().get("host") + ":1").isEqualTo(s.labels().get("instance")));
    }
  }

  @Test
  void maxCacheSizeMustBePositive() {
    assertThat(decodeErrors("max_cache_size = 0"))
        .anyMatch(m -> m.contains("max_cache_size must be greater than 0 and is 0"));
  }

  private List<String> decodeErrors(String extra) {
    var decoded =
        ComponentHarness.builder(PrometheusRelabel.REGISTRATION)
            .variable(
                "sink", Value.object(Map.of("receiver", Value.capsule("MetricsReceiver", sink))))
            .decode(
                """
                prometheus.relabel "x" {
                  forward_to = [sink.receiver]
                  %s
                }
                """
                    .formatted(extra));
    return decoded.diagnostics().asList().stream().map(Diagnostic::message).toList();
  }

  @Test
  void cacheTtlNeedsMaxCacheSizeZeroAndAtLeastAMinute() {
    assertThat(decodeErrors("cache_ttl = \"5m\""))
        .anyMatch(m -> m.contains("max_cache_size and cache_ttl are exclusive"));
    assertThat(decodeErrors("max_cache_size = 0\n  cache_ttl = \"30s\""))
        .anyMatch(m -> m.contains("cache_ttl must be at least 1m and is 30s"));
    assertThat(decodeErrors("max_cache_size = 0\n  cache_ttl = \"1m\"")).isEmpty();
  }

  /** A clock the test moves by hand. */
  private static final class ManualClock extends java.time.Clock {
    private volatile java.time.Instant now = java.time.Instant.parse("2026-11-23T10:00:00Z");

    void advance(java.time.Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void withCacheTtlAResultUnusedForThatLongIsDropped() throws Exception {
    ManualClock clock = new ManualClock();
    String config =
        CONFIG.replace("forward_to", "max_cache_size = 0\n  cache_ttl = \"1m\"\n  forward_to");
    try (var h =
        ComponentHarness.builder(PrometheusRelabel.REGISTRATION)
            .clock(clock)
            .variable(
                "sink", Value.object(Map.of("receiver", Value.capsule("MetricsReceiver", sink))))
            .start(config)) {
      Labels a = Labels.of("__name__", "up", "i", "a");
      Labels b = Labels.of("__name__", "up", "i", "b");
      for (int i = 0; i < 300; i++) { // more than any initial capacity: TTL mode has no size bound
        send(h, Labels.of("__name__", "filler", "i", Integer.toString(i)), i);
      }
      send(h, a, 1);
      send(h, b, 1);
      clock.advance(java.time.Duration.ofSeconds(40));
      send(h, a, 2); // a used again; nothing is a minute old yet
      assertThat(metric(h, "alloy_prometheus_relabel_cache_size")).isEqualTo(302);
      assertThat(metric(h, "alloy_prometheus_relabel_cache_ttl_evictions")).isZero();

      clock.advance(java.time.Duration.ofSeconds(50)); // b and the fillers unused for 90 s
      send(h, a, 3);
      assertThat(metric(h, "alloy_prometheus_relabel_cache_ttl_evictions")).isEqualTo(301);
      assertThat(metric(h, "alloy_prometheus_relabel_cache_size")).isEqualTo(1);

      double misses = metric(h, "alloy_prometheus_relabel_cache_misses");
      send(h, b, 4); // relabeled again
      assertThat(metric(h, "alloy_prometheus_relabel_cache_misses")).isEqualTo(misses + 1);
      assertThat(sink.samples).filteredOn(x -> x.labels().get("i").equals("b")).hasSize(2);
    }
  }

  @Test
  void appendingAfterExitFails() throws Exception {
    var h = start(CONFIG);
    var receiver = h.exports(PrometheusRelabel.Exports.class).receiver();
    h.close();
    assertThatThrownBy(receiver::appender).hasMessageContaining("has exited");
  }
}
