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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class ShardingTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} shards, {3}/s in at {4} s/sample, {5} pending -> {6}")
  @CsvSource({
    // current, min, max, in/s, send s/sample, pending, desired
    "1, 1, 10, 1000, 0.002, 0, 2", // one sender is busy 2 s per second: two needed
    "4, 1, 10, 1000, 0.004, 0, 4", // exactly busy: stay
    "4, 1, 10, 1000, 0.0045, 0, 4", // within 30%: stay
    "4, 1, 10, 1000, 0.0001, 0, 1", // idle shards: shrink to what is needed
    "1, 1, 5, 100000, 0.01, 0, 5", // far too slow: capped at max_shards
    "3, 2, 10, 0, 0, 0, 3", // nothing sent yet: no opinion
    "1, 1, 10, 0, 0.001, 0, 1", // nothing arriving
    "1, 1, 50, 100, 0.001, 100000, 6", // a backlog adds 5% of itself per second
  })
  void theDesiredShardCountFollowsPrometheus(
      int current, int min, int max, double in, double perSample, long pending, int desired) {
    assertThat(ShardPlanner.desired(current, min, max, in, perSample, pending)).isEqualTo(desired);
  }

  @Test
  void aSlowBackendGetsMoreShardsAndEverySampleArrivesOnceInOrder() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    try (TestBackend backend = TestBackend.started();
        Wal wal = Wal.open(dir.resolve("wal"), WalOptions.defaults(), registry)) {
      backend.delayMillis = 50;
      RemoteWriteMetrics metrics = new RemoteWriteMetrics(registry);
      WalReceiver receiver = new WalReceiver("rw", wal, metrics);
      PrometheusRemoteWrite.QueueConfig q = PrometheusRemoteWrite.QueueConfig.defaults();
      PrometheusRemoteWrite.Endpoint d = PrometheusRemoteWrite.Endpoint.of(backend.url());
      PrometheusRemoteWrite.Endpoint endpoint =
          new PrometheusRemoteWrite.Endpoint(
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
                  8,
                  1,
                  100,
                  Duration.ofMillis(20),
                  Duration.ofMillis(10),
                  Duration.ofMillis(50),
                  true,
                  Duration.ZERO),
              d.metadataConfig(),
              d.tlsConfig());
      EndpointSender sender =
          new EndpointSender(
                  "ep",
                  endpoint,
                  Map.of(),
                  wal,
                  new PositionFile(dir.resolve("position")),
                  metrics.queue("ep", backend.url()),
                  LoggerFactory.getLogger(ShardingTest.class))
              .reshardEvery(Duration.ofMillis(300));
      sender.start();
      try {
        // 200 series, 30 scrapes: 6,000 samples at 100 per request and 50 ms per request is 3 s
        // for one shard, against scrapes arriving every 20 ms.
        long[] refs = new long[200];
        for (int scrape = 1; scrape <= 30; scrape++) {
          Appender a = receiver.appender();
          for (int s = 0; s < refs.length; s++) {
            refs[s] = a.append(refs[s], Labels.of("__name__", "m", "s", "" + s), scrape, scrape);
          }
          a.commit();
          Thread.sleep(20);
        }
        Eventually.await(
            Duration.ofSeconds(30),
            () -> backend.series().size() >= 6_000,
            "all 6,000 samples at the backend");
        assertThat(sender.shardCount()).isGreaterThan(1);
      } finally {
        sender.stop(Duration.ofSeconds(5));
      }
      // Each series arrives once per scrape, in timestamp order, although shards send in parallel.
      Map<Labels, List<Long>> bySeries = new HashMap<>();
      for (TimeSeries ts : backend.series()) {
        for (Sample sample : ts.samples()) {
          bySeries.computeIfAbsent(ts.labels(), k -> new ArrayList<>()).add(sample.timestamp());
        }
      }
      assertThat(bySeries).hasSize(200);
      List<Long> expected = new ArrayList<>();
      for (long t = 1; t <= 30; t++) {
        expected.add(t);
      }
      bySeries.forEach((labels, stamps) -> assertThat(stamps).as("%s", labels).isEqualTo(expected));
    }
  }
}
