package dev.jalloy.component.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.common.wal.PositionFile;
import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.component.common.wal.WalOptions;
import dev.jalloy.component.prometheus.remotewrite.wire.Sample;
import dev.jalloy.component.prometheus.remotewrite.wire.TimeSeries;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Labels;
import dev.jalloy.testkit.Eventually;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The WAL defines a series once per segment and samples refer to it by id, so a sender that resumes
 * in the middle of a segment, or reads across segment boundaries, must still send every sample with
 * its full labels, once.
 */
class WalResumeTest {
  @TempDir Path dir;
  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private final PrometheusRegistry registry = new PrometheusRegistry();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeLater.reversed()) {
      c.close();
    }
  }

  private static final Labels UP = Labels.of("__name__", "up", "job", "node");
  private static final Labels LOAD = Labels.of("__name__", "node_load1", "job", "node");

  private static PrometheusRemoteWrite.Endpoint endpoint(String url) {
    PrometheusRemoteWrite.Endpoint d = PrometheusRemoteWrite.Endpoint.of(url);
    PrometheusRemoteWrite.QueueConfig q = PrometheusRemoteWrite.QueueConfig.defaults();
    return new PrometheusRemoteWrite.Endpoint(
        d.url(),
        "ep",
        d.remoteTimeout(),
        d.headers(),
        d.sendExemplars(),
        d.sendNativeHistograms(),
        d.bearerToken(),
        d.bearerTokenFile(),
        d.basicAuth(),
        d.authorization(),
        d.writeRelabelConfigs(),
        new PrometheusRemoteWrite.QueueConfig(
            q.capacity(),
            q.maxShards(),
            q.minShards(),
            q.maxSamplesPerSend(),
            Duration.ofMillis(20),
            Duration.ofMillis(10),
            Duration.ofMillis(50),
            true,
            Duration.ZERO),
        d.metadataConfig(),
        d.tlsConfig());
  }

  private EndpointSender sender(Wal wal, TestBackend backend, RemoteWriteMetrics metrics) {
    EndpointSender s =
        new EndpointSender(
            "ep",
            endpoint(backend.url()),
            Map.of(),
            wal,
            new PositionFile(dir.resolve("positions")),
            metrics.queue("ep", backend.url()),
            LoggerFactory.getLogger(WalResumeTest.class));
    s.start();
    return s;
  }

  /** One scrape's worth: both series at {@code ts}, passing back the references it got. */
  private static void scrape(WalReceiver receiver, long[] refs, long ts) {
    Appender a = receiver.appender();
    refs[0] = a.append(refs[0], UP, ts, 1);
    refs[1] = a.append(refs[1], LOAD, ts, ts / 1000.0);
    a.commit();
  }

  private static List<Long> timestamps(TestBackend backend, Labels series) {
    List<Long> out = new ArrayList<>();
    for (TimeSeries ts : backend.series()) {
      if (ts.labels().equals(series)) {
        ts.samples().stream().map(Sample::timestamp).forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void aSenderRestartedMidSegmentSendsTheRestWithTheirLabelsAndNothingTwice() throws Exception {
    TestBackend backend = TestBackend.started();
    closeLater.add(backend);
    Wal wal = Wal.open(dir.resolve("wal"), WalOptions.defaults(), registry);
    closeLater.add(wal);
    RemoteWriteMetrics metrics = new RemoteWriteMetrics(registry);
    WalReceiver receiver = new WalReceiver("rw", wal, metrics);
    long[] refs = new long[2];

    EndpointSender first = sender(wal, backend, metrics);
    scrape(receiver, refs, 1_000);
    scrape(receiver, refs, 2_000);
    Eventually.await(() -> timestamps(backend, LOAD).size() == 2, "first two scrapes sent");
    // Delivery is at least once: only what was acknowledged is not sent again.
    Eventually.await(
        () -> first.acknowledged().equals(wal.visibleEnd()), "both records acknowledged");
    first.stop(Duration.ofSeconds(5));

    // Same segment: these records define nothing, the series were defined by the first one.
    scrape(receiver, refs, 3_000);
    scrape(receiver, refs, 4_000);
    EndpointSender second = sender(wal, backend, metrics);
    Eventually.await(() -> timestamps(backend, LOAD).size() >= 4, "the rest after the restart");
    second.stop(Duration.ofSeconds(5));

    assertThat(timestamps(backend, UP)).containsExactly(1_000L, 2_000L, 3_000L, 4_000L);
    assertThat(timestamps(backend, LOAD)).containsExactly(1_000L, 2_000L, 3_000L, 4_000L);
    assertThat(wal.segments()).hasSize(1);
  }

  @Test
  void everySegmentDefinesTheSeriesItUses() throws Exception {
    TestBackend backend = TestBackend.started();
    closeLater.add(backend);
    // Segments so small that nearly every record starts a new one.
    Wal wal = Wal.open(dir.resolve("wal"), WalOptions.defaults().withSegmentSize(120), registry);
    closeLater.add(wal);
    RemoteWriteMetrics metrics = new RemoteWriteMetrics(registry);
    WalReceiver receiver = new WalReceiver("rw", wal, metrics);
    long[] refs = new long[2];
    for (long ts = 1_000; ts <= 10_000; ts += 1_000) {
      scrape(receiver, refs, ts);
    }
    assertThat(wal.segments().size()).isGreaterThan(3);
    // Forget the oldest segments, as truncation would: the rest must still read on their own.
    List<Long> segments = wal.segments();
    wal.truncateBefore(new dev.jalloy.component.common.wal.Position(segments.get(3), 0));

    EndpointSender s = sender(wal, backend, metrics);
    Eventually.await(() -> !timestamps(backend, UP).isEmpty(), "samples from the kept segments");
    Eventually.await(() -> timestamps(backend, UP).contains(10_000L), "up to the last scrape");
    s.stop(Duration.ofSeconds(5));
    assertThat(timestamps(backend, UP))
        .isEqualTo(timestamps(backend, LOAD))
        .doesNotHaveDuplicates();
    assertThat(metricValue("prometheus_remote_storage_samples_dropped", "reason", "unknown_series"))
        .isZero();
  }

  private double metricValue(String name, String label, String value) {
    double sum = 0;
    for (var snapshot : registry.scrape()) {
      if (snapshot.getMetadata().getName().equals(name)) {
        for (var d : snapshot.getDataPoints()) {
          if (value.equals(d.getLabels().get(label))
              && d
                  instanceof
                  io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot
                      c) {
            sum += c.getValue();
          }
        }
      }
    }
    return sum;
  }
}
