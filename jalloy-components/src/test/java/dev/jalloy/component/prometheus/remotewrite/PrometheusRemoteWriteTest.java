package dev.jalloy.component.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.Stability;
import dev.jalloy.component.prometheus.remotewrite.wire.Sample;
import dev.jalloy.component.prometheus.remotewrite.wire.TimeSeries;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Labels;
import dev.jalloy.model.MetricsReceiver;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class PrometheusRemoteWriteTest {
  private final List<AutoCloseable> closeLater = new java.util.ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeLater.reversed()) {
      c.close();
    }
  }

  private ComponentHarness<PrometheusRemoteWrite.Arguments> start(String endpointBody, String extra)
      throws Exception {
    return start(PrometheusRemoteWrite.REGISTRATION, endpointBody, extra);
  }

  private ComponentHarness<PrometheusRemoteWrite.Arguments> start(
      Registration<PrometheusRemoteWrite.Arguments> registration, String endpointBody, String extra)
      throws Exception {
    var h =
        ComponentHarness.start(
            registration,
            "prometheus.remote_write \"test\" {\n"
                + extra
                + "\n  endpoint {\n"
                + endpointBody
                + "\n    queue_config {\n      batch_send_deadline = \"20ms\"\n"
                + "      min_backoff = \"10ms\"\n      max_backoff = \"50ms\"\n    }\n  }\n}");
    closeLater.add(h);
    return h;
  }

  private static String url(TestBackend b) {
    return "    url = \"" + b.url() + "\"\n    name = \"ep\"";
  }

  private static MetricsReceiver receiver(ComponentHarness<?> h) {
    return h.exports(PrometheusRemoteWrite.Exports.class).receiver();
  }

  private static void append(MetricsReceiver r, Labels... series) {
    Appender a = r.appender();
    long ts = 1_700_000_000_000L;
    for (Labels l : series) {
      a.append(0, l, ts++, 1.5);
    }
    a.commit();
  }

  private static double metric(PrometheusRegistry registry, String name, String... labels) {
    double sum = 0;
    for (MetricSnapshot s : registry.scrape()) {
      if (!s.getMetadata().getName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot d : s.getDataPoints()) {
        boolean match = true;
        for (int i = 0; i < labels.length; i += 2) {
          match &= labels[i + 1].equals(d.getLabels().get(labels[i]));
        }
        if (match) {
          sum +=
              switch (d) {
                case CounterSnapshot.CounterDataPointSnapshot c -> c.getValue();
                case GaugeSnapshot.GaugeDataPointSnapshot g -> g.getValue();
                default -> 0;
              };
        }
      }
    }
    return sum;
  }

  private TestBackend backend() throws Exception {
    TestBackend b = TestBackend.started();
    closeLater.add(b);
    return b;
  }

  @Test
  void samplesArriveWithExternalLabelsTheSeriesOwnValueWins() throws Exception {
    TestBackend backend = backend();
    var h = start(url(backend), "  external_labels = { cluster = \"c1\", job = \"ignored\" }");
    append(receiver(h), Labels.of("__name__", "up", "job", "node"), Labels.of("__name__", "x"));

    Eventually.await(() -> backend.series().size() == 2, "two series at the backend");
    assertThat(backend.series())
        .containsExactly(
            new TimeSeries(
                Labels.of("__name__", "up", "job", "node", "cluster", "c1"),
                List.of(new Sample(1_700_000_000_000L, 1.5))),
            new TimeSeries(
                Labels.of("__name__", "x", "job", "ignored", "cluster", "c1"),
                List.of(new Sample(1_700_000_000_001L, 1.5))));
    Eventually.await(
        () ->
            metric(
                    h.registry(),
                    "prometheus_remote_storage_samples",
                    "remote_name",
                    "ep",
                    "url",
                    backend.url())
                == 2,
        "samples_total counted");
    assertThat(metric(h.registry(), "prometheus_remote_storage_highest_timestamp_in_seconds"))
        .isEqualTo(1_700_000_000.001);
  }

  @Test
  void writeRelabelConfigDropsSeriesAndCountsThem() throws Exception {
    TestBackend backend = backend();
    var h =
        start(
            url(backend)
                + "\n    write_relabel_config {\n      source_labels = [\"__name__\"]\n"
                + "      regex = \"debug_.*\"\n      action = \"drop\"\n    }",
            "");
    append(receiver(h), Labels.of("__name__", "debug_a"), Labels.of("__name__", "up"));

    Eventually.await(() -> backend.series().size() == 1, "the kept series arrives");
    assertThat(backend.series().getFirst().labels()).isEqualTo(Labels.of("__name__", "up"));
    assertThat(
            metric(
                h.registry(),
                "prometheus_remote_storage_samples_dropped",
                "reason",
                "dropped_series"))
        .isEqualTo(1);
  }

  @Test
  void a500IsRetriedAndTheBatchAcknowledgedOnceDelivered() throws Exception {
    TestBackend backend = backend();
    backend.statuses.add(500);
    var h = start(url(backend), "");
    append(receiver(h), Labels.of("__name__", "a"), Labels.of("__name__", "b"));

    Eventually.await(() -> backend.series().size() == 2, "delivered after the retry");
    assertThat(backend.answered).startsWith(500, 204);
    Eventually.await(
        () ->
            new dev.jalloy.component.common.wal.PositionFile(h.dataPath().resolve("positions/ep"))
                .load()
                .isPresent(),
        "the position acknowledged");
    assertThat(metric(h.registry(), "prometheus_remote_storage_samples_retried")).isEqualTo(2);
    Eventually.await(
        () -> metric(h.registry(), "prometheus_remote_storage_samples") == 2, "samples_total");
    assertThat(metric(h.registry(), "prometheus_remote_storage_samples_failed")).isZero();
  }

  @Test
  void a400DropsTheBatchCountsItAndSendingGoesOn() throws Exception {
    TestBackend backend = backend();
    backend.statuses.add(400);
    var h = start(url(backend), "");
    append(receiver(h), Labels.of("__name__", "rejected"));
    Eventually.await(
        () -> metric(h.registry(), "prometheus_remote_storage_samples_failed") == 1,
        "the rejected sample counted as failed");

    append(receiver(h), Labels.of("__name__", "next"));
    Eventually.await(() -> backend.series().size() == 1, "the next batch arrives");
    assertThat(backend.series().getFirst().labels()).isEqualTo(Labels.of("__name__", "next"));
    assertThat(backend.answered).containsExactly(400, 204);
  }

  @Test
  void samplesWrittenWhileTheBackendIsDownArriveAfterARestart(@TempDir Path data) throws Exception {
    TestBackend backend = TestBackend.down();
    closeLater.add(backend);
    Registration<PrometheusRemoteWrite.Arguments> fixedDir = withDataPath(data);

    var first = start(fixedDir, url(backend), "");
    for (int i = 0; i < 5; i++) {
      append(receiver(first), Labels.of("__name__", "s" + i));
    }
    Eventually.await(
        () -> metric(first.registry(), "prometheus_remote_storage_samples_retried") > 0,
        "the sender retrying against the down backend");
    first.close();

    backend.start();
    var second = start(fixedDir, url(backend), "");
    Eventually.await(() -> backend.series().size() == 5, "all five samples after the restart");
    assertThat(backend.series().stream().map(ts -> ts.labels().get("__name__")))
        .containsExactly("s0", "s1", "s2", "s3", "s4");
    Eventually.await(
        () -> metric(second.registry(), "prometheus_remote_storage_samples") == 5,
        "the second run counts what it sent");
  }

  /** The real registration, but with its data in {@code dir}, which outlives a harness. */
  private static Registration<PrometheusRemoteWrite.Arguments> withDataPath(Path dir) {
    return Registration.of(
        "prometheus.remote_write",
        Stability.GENERALLY_AVAILABLE,
        PrometheusRemoteWrite.Arguments.class,
        PrometheusRemoteWrite.Exports.class,
        (options, args) -> new PrometheusRemoteWrite(new FixedDataPath(options, dir), args));
  }

  private record FixedDataPath(Options delegate, Path dataPath) implements Options {
    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public Logger logger() {
      return delegate.logger();
    }

    @Override
    public PrometheusRegistry registry() {
      return delegate.registry();
    }

    @Override
    public void onStateChange(Record exports) {
      delegate.onStateChange(exports);
    }

    @Override
    public Clock clock() {
      return delegate.clock();
    }

    @Override
    public dev.jalloy.component.Services services() {
      return delegate.services();
    }
  }

  @Test
  void defaultsFollowAlloy() {
    var decoded =
        ComponentHarness.decode(
            PrometheusRemoteWrite.REGISTRATION,
            "prometheus.remote_write \"x\" {\n  endpoint {\n    url = \"http://h/push\"\n  }\n}");
    assertThat(decoded.diagnostics().asList()).isEmpty();
    PrometheusRemoteWrite.Endpoint e = decoded.value().orElseThrow().endpoints().getFirst();
    assertThat(e.queueConfig()).isEqualTo(PrometheusRemoteWrite.QueueConfig.defaults());
    assertThat(e.metadataConfig()).isEqualTo(PrometheusRemoteWrite.MetadataConfig.defaults());
    assertThat(e.remoteTimeout()).hasSeconds(30);
    assertThat(e.sendExemplars()).isTrue();
    assertThat(decoded.value().orElseThrow().wal())
        .isEqualTo(PrometheusRemoteWrite.WalArguments.defaults());
    assertThat(Optional.of(e.remoteName())).get().asString().hasSize(6);
  }
}
