package dev.jalloy.component.loki.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.Stability;
import dev.jalloy.component.common.http.TlsFixture;
import dev.jalloy.component.loki.write.wire.PushEntry;
import dev.jalloy.component.loki.write.wire.PushStream;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LokiWriteTest {
  private static final long T = 1_700_000_000L * 1_000_000_000L;
  @TempDir Path dir;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeLater.reversed()) {
      c.close();
    }
  }

  private LokiTestBackend backend() throws Exception {
    LokiTestBackend b = LokiTestBackend.started();
    closeLater.add(b);
    return b;
  }

  private static String config(LokiTestBackend b, String endpointExtra, String extra) {
    return "loki.write \"test\" {\n"
        + extra
        + "\n  endpoint {\n    url = \""
        + b.url()
        + "\"\n    name = \"ep\"\n    batch_wait = \"20ms\"\n"
        + "    min_backoff_period = \"10ms\"\n    max_backoff_period = \"50ms\"\n"
        + endpointExtra
        + "\n  }\n}";
  }

  private ComponentHarness<LokiWrite.Arguments> start(String source) throws Exception {
    var h = ComponentHarness.start(withDataPath(dir), source);
    closeLater.add(h);
    return h;
  }

  private static LogsReceiver receiver(ComponentHarness<?> h) {
    return h.exports(LokiWrite.Exports.class).receiver();
  }

  private static LogEntry entry(Labels labels, int i, String line) {
    return LogEntry.of(labels, T + i, line);
  }

  @Test
  void entriesArriveAsStreamsPerTenantWithExternalLabelsUnderTheirOwn() throws Exception {
    LokiTestBackend backend = backend();
    var h =
        start(
            config(
                backend,
                "    tenant_id = \"fallback\"",
                "  external_labels = { cluster = \"c1\", job = \"ignored\" }"));
    Labels a = Labels.of("job", "a", "__tenant_id__", "t1", "__path__", "/x");
    Labels b = Labels.of("job", "b");
    receiver(h).receive(List.of(entry(a, 0, "a0"), entry(b, 1, "b0"), entry(a, 2, "a1")));
    Eventually.await(() -> backend.lines().size() == 3, "three lines");
    assertThat(backend.accepted)
        .allSatisfy(
            p -> {
              assertThat(p.contentType()).isEqualTo("application/x-protobuf");
              assertThat(p.contentEncoding()).isEqualTo("snappy");
            });
    var byTenant = new java.util.TreeMap<String, List<PushStream>>();
    backend.accepted.forEach(
        p ->
            byTenant
                .computeIfAbsent(p.tenant(), k -> new ArrayList<>())
                .addAll(p.request().streams()));
    assertThat(byTenant.get("t1"))
        .containsExactly(
            new PushStream(
                "{cluster=\"c1\", job=\"a\"}",
                List.of(
                    new PushEntry(T, "a0", Labels.EMPTY),
                    new PushEntry(T + 2, "a1", Labels.EMPTY))));
    assertThat(byTenant.get("fallback"))
        .containsExactly(
            new PushStream(
                "{cluster=\"c1\", job=\"b\"}", List.of(new PushEntry(T + 1, "b0", Labels.EMPTY))));
    Eventually.await(
        () -> metric(h.registry(), "loki_write_sent_entries", "tenant", "t1") == 2,
        "sent entries counted per tenant");
    assertThat(metric(h.registry(), "loki_write_sent_bytes", "tenant", "t1")).isEqualTo(4);
  }

  @Test
  void headersCarryAuthAndCannotOverrideTheProtocolOnes() throws Exception {
    LokiTestBackend backend = backend();
    var h =
        start(
            config(
                backend,
                "    headers = { \"X-Custom\" = \"1\", \"Content-Type\" = \"text/plain\","
                    + " \"X-Scope-OrgID\" = \"sneaky\" }\n"
                    + "    basic_auth {\n      username = \"u\"\n      password = \"p\"\n    }",
                ""));
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 0, "l")));
    Eventually.await(() -> backend.accepted.size() == 1, "one push");
    receiver(h).receive(List.of(entry(Labels.of("job", "x", "__tenant_id__", "t"), 1, "l")));
    Eventually.await(() -> backend.accepted.size() == 2, "a push with a tenant");
    // As in Alloy: a configured X-Scope-OrgID is used only when the batch has no tenant.
    assertThat(backend.accepted.getFirst().tenant()).isEqualTo("sneaky");
    assertThat(backend.accepted.get(1).tenant()).isEqualTo("t");
    var headers = backend.accepted.getFirst().headers();
    assertThat(headers.get("Authorization")).isEqualTo("Basic dTpw");
    assertThat(headers.get("X-Custom")).isEqualTo("1");
    assertThat(headers.get("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(headers.get("User-Agent")).startsWith("jalloy/");
  }

  @Test
  void bearerTokenFileIsReadForEveryPush() throws Exception {
    LokiTestBackend backend = backend();
    Path token = dir.resolve("token");
    java.nio.file.Files.writeString(token, "first-token\n");
    var h =
        start(
            config(
                backend,
                "    bearer_token_file = " + TlsFixture.quote(token.toString()) + "\n",
                ""));
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 0, "l0")));
    Eventually.await(() -> backend.accepted.size() == 1, "one push");
    java.nio.file.Files.writeString(token, "rotated-token"); // no reload: read per request
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 1, "l1")));
    Eventually.await(() -> backend.accepted.size() == 2, "a second push");
    assertThat(backend.accepted.get(0).headers().get("Authorization"))
        .isEqualTo("Bearer first-token");
    assertThat(backend.accepted.get(1).headers().get("Authorization"))
        .isEqualTo("Bearer rotated-token");
  }

  @Test
  void passwordAndCredentialsFilesAreReadForEveryPush() throws Exception {
    LokiTestBackend basic = backend();
    LokiTestBackend custom = backend();
    Path password = dir.resolve("password");
    Path credentials = dir.resolve("credentials");
    java.nio.file.Files.writeString(password, "p\n");
    java.nio.file.Files.writeString(credentials, " secret-key ");
    var h =
        start(
            config(
                    basic,
                    "    basic_auth {\n      username = \"u\"\n      password_file = "
                        + TlsFixture.quote(password.toString())
                        + "\n    }\n",
                    "")
                .replace(
                    "\n}",
                    "\n  endpoint {\n    url = \""
                        + custom.url()
                        + "\"\n    name = \"custom\"\n    batch_wait = \"20ms\"\n"
                        + "    authorization {\n      type = \"ApiKey\"\n"
                        + "      credentials_file = "
                        + TlsFixture.quote(credentials.toString())
                        + "\n    }\n  }\n}"));
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 0, "l0")));
    Eventually.await(
        () -> basic.accepted.size() == 1 && custom.accepted.size() == 1, "a push at each");
    assertThat(basic.accepted.getFirst().headers().get("Authorization")).isEqualTo("Basic dTpw");
    assertThat(custom.accepted.getFirst().headers().get("Authorization"))
        .isEqualTo("ApiKey secret-key");
  }

  @Test
  void aPasswordAndAPasswordFileAreRefused() {
    assertThatThrownBy(
            () ->
                start(
                    config(
                        backend(),
                        "    basic_auth {\n      username = \"u\"\n      password = \"p\"\n"
                            + "      password_file = \"/etc/p\"\n    }\n",
                        "")))
        .hasMessageContaining(
            "at most one of basic_auth password & password_file must be configured");
  }

  @Test
  void aTokenFileThatCannotBeReadDelaysThePushAndLosesNothing() throws Exception {
    LokiTestBackend backend = backend();
    Path token = dir.resolve("later-token");
    var h =
        start(
            config(
                backend,
                "    bearer_token_file = "
                    + TlsFixture.quote(token.toString())
                    + "\n"
                    + "    max_backoff_retries = 0\n", // retried until it can be read
                ""));
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 0, "kept")));
    Eventually.await(
        () -> metric(h.registry(), "loki_write_batch_retries") >= 3,
        "several attempts against the missing file");
    assertThat(backend.accepted).isEmpty();
    java.nio.file.Files.writeString(token, "now-here");
    Eventually.await(() -> backend.accepted.size() == 1, "the retried push");
    assertThat(backend.accepted.getFirst().headers().get("Authorization"))
        .isEqualTo("Bearer now-here");
    assertThat(
            backend.accepted.getFirst().request().streams().getFirst().entries().getFirst().line())
        .isEqualTo("kept");
    assertThat(metric(h.registry(), "loki_write_dropped_entries")).isZero();
  }

  @Test
  void oneAuthMethodOnly() {
    LokiWrite.Endpoint d = LokiWrite.Endpoint.defaults();
    LokiWrite.Endpoint both =
        new LokiWrite.Endpoint(
            "http://127.0.0.1:3100/loki/api/v1/push",
            d.name(),
            d.headers(),
            d.batchWait(),
            d.batchSize(),
            d.remoteTimeout(),
            d.tenantId(),
            d.minBackoffPeriod(),
            d.maxBackoffPeriod(),
            d.maxBackoffRetries(),
            d.retryOnHttp429(),
            dev.jalloy.syntax.value.Value.secret("t"),
            "/etc/token",
            d.basicAuth(),
            d.authorization(),
            d.tlsConfig(),
            d.queueConfig());
    assertThatThrownBy(both::validate)
        .hasMessage(
            "at most one of basic_auth, authorization, oauth2, bearer_token & bearer_token_file"
                + " must be configured");
  }

  @Test
  void everyEndpointGetsEveryEntryAndAcknowledgesOnItsOwn() throws Exception {
    LokiTestBackend up = backend();
    LokiTestBackend down = LokiTestBackend.down();
    closeLater.add(down);
    String second =
        "  endpoint {\n    url = \""
            + down.url()
            + "\"\n    name = \"second\"\n    batch_wait = \"20ms\"\n"
            + "    min_backoff_period = \"10ms\"\n    max_backoff_period = \"50ms\"\n"
            + "    max_backoff_retries = 0\n  }";
    var h = start(config(up, "", second));
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 0, "both")));
    Eventually.await(() -> up.lines().equals(List.of("both")), "the first endpoint");
    down.start();
    Eventually.await(() -> down.lines().equals(List.of("both")), "the second, once it is up");
  }

  @Test
  void a400IsDroppedAndCountedA500IsRetriedUntilAccepted() throws Exception {
    LokiTestBackend backend = backend();
    var h = start(config(backend, "", ""));
    backend.statuses.add(400);
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 0, "rejected")));
    Eventually.await(() -> backend.answered.size() == 1, "the 400");
    backend.statuses.add(500);
    backend.statuses.add(503);
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 1, "retried")));
    Eventually.await(() -> backend.lines().equals(List.of("retried")), "the retried batch");
    assertThat(backend.answered).containsExactly(400, 500, 503, 204);
    PrometheusRegistry r = h.registry();
    Eventually.await(() -> metric(r, "loki_write_sent_entries") == 1, "sent counted");
    assertThat(metric(r, "loki_write_dropped_entries", "reason", "ingester_error")).isEqualTo(1);
    assertThat(metric(r, "loki_write_dropped_bytes", "reason", "ingester_error")).isEqualTo(8);
    assertThat(metric(r, "loki_write_batch_retries")).isEqualTo(2);
  }

  @Test
  void a429IsDroppedAsRateLimitedWhenRetryingItIsOff() throws Exception {
    LokiTestBackend backend = backend();
    var h = start(config(backend, "    retry_on_http_429 = false", ""));
    backend.statuses.add(429);
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 0, "limited")));
    Eventually.await(
        () -> metric(h.registry(), "loki_write_dropped_entries", "reason", "rate_limited") == 1,
        "dropped as rate_limited");
    assertThat(backend.lines()).isEmpty();
  }

  @Test
  void retriesStopAtMaxBackoffRetriesAndTheBatchIsDropped() throws Exception {
    LokiTestBackend backend = backend();
    var h = start(config(backend, "    max_backoff_retries = 2", ""));
    backend.statuses.add(500);
    backend.statuses.add(500);
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 0, "lost")));
    Eventually.await(
        () -> metric(h.registry(), "loki_write_dropped_entries", "reason", "ingester_error") == 1,
        "dropped after two attempts");
    receiver(h).receive(List.of(entry(Labels.of("job", "x"), 1, "next")));
    Eventually.await(() -> backend.lines().equals(List.of("next")), "the next batch goes");
    assertThat(backend.answered).containsExactly(500, 500, 204);
  }

  @Test
  void maxStreamsDropsFurtherStreamsOfABatch() throws Exception {
    LokiTestBackend backend = backend();
    var h = start(config(backend, "", "  max_streams = 1"));
    receiver(h)
        .receive(
            List.of(
                entry(Labels.of("job", "a"), 0, "kept"),
                entry(Labels.of("job", "b"), 1, "dropped"),
                entry(Labels.of("job", "a"), 2, "kept too")));
    Eventually.await(() -> backend.lines().size() == 2, "one stream");
    assertThat(backend.lines()).containsExactly("kept", "kept too");
    assertThat(metric(h.registry(), "loki_write_dropped_entries", "reason", "stream_limited"))
        .isEqualTo(1);
  }

  @Test
  void batchesAreCutAtBatchSize() throws Exception {
    LokiTestBackend backend = backend();
    var h = start(config(backend, "    batch_size = \"10B\"", ""));
    Labels l = Labels.of("job", "x");
    receiver(h).receive(List.of(entry(l, 0, "12345"), entry(l, 1, "67890"), entry(l, 2, "abcde")));
    Eventually.await(() -> backend.lines().size() == 3, "all lines");
    assertThat(backend.accepted).hasSize(2);
    assertThat(backend.accepted.getFirst().request().entryCount()).isEqualTo(2);
  }

  /**
   * The next push is encoded while the last one is on the wire, but pushes still go one at a time
   * and in order, and every entry is counted as sent once its push was acknowledged.
   */
  @Test
  void pushesGoOneAtATimeInOrderWhileTheNextIsPrepared() throws Exception {
    LokiTestBackend backend = backend();
    backend.delay = Duration.ofMillis(20);
    var h = start(config(backend, "    batch_size = \"30B\"", ""));
    Labels l = Labels.of("job", "x");
    List<String> sent = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      List<LogEntry> record = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String line = String.format("line-%02d-%d", r, i); // 10 bytes: three to a push
        record.add(entry(l, r * 5 + i, line));
        sent.add(line);
      }
      receiver(h).receive(record);
    }
    Eventually.await(
        () -> metric(h.registry(), "loki_write_sent_entries") == sent.size(), "every entry sent");
    assertThat(backend.lines()).containsExactlyElementsOf(sent);
    assertThat(backend.accepted.size()).isGreaterThanOrEqualTo(sent.size() / 3);
    assertThat(backend.mostAtOnce.get()).isEqualTo(1);
    Eventually.await(
        () -> metric(h.registry(), "loki_write_pending_entries") == 0, "nothing pending");
  }

  @Test
  void whatWasAcceptedSurvivesABackendOutageAndARestart() throws Exception {
    LokiTestBackend backend = LokiTestBackend.down();
    closeLater.add(backend);
    String retryForever = "    max_backoff_retries = 0";
    var first = start(config(backend, retryForever, ""));
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      receiver(first).receive(List.of(entry(Labels.of("job", "x"), i, "line " + i)));
      sent.add("line " + i);
    }
    // The sender has read the entries and is retrying them when the component stops.
    Eventually.await(
        () -> metric(first.registry(), "loki_write_batch_retries") >= 2, "retries under way");
    first.close(); // stops with everything unacknowledged
    backend.start();
    var second = start(config(backend, retryForever, ""));
    Eventually.await(() -> backend.lines().size() >= 5, "every line after the restart");
    assertThat(backend.lines()).containsExactlyElementsOf(sent);
    receiver(second).receive(List.of(entry(Labels.of("job", "x"), 9, "after")));
    Eventually.await(() -> backend.lines().contains("after"), "new lines too");
    // Closing while a push is in flight would (rightly) send it again: wait for the ack.
    Eventually.await(
        () ->
            metric(second.registry(), "loki_write_sent_entries") == 6
                && metric(second.registry(), "loki_write_pending_entries") == 0,
        "everything acknowledged");
    second.close();
    // A third start sends only the new line: the second run stored its acknowledged position when
    // it stopped. (That store used to fail now and then when the stop's interrupt closed its file
    // channel, and everything was sent again; PositionFileTest covers it.)
    var third = start(config(backend, retryForever, ""));
    receiver(third).receive(List.of(entry(Labels.of("job", "x"), 10, "third")));
    Eventually.await(() -> backend.lines().contains("third"), "the third run sends");
    List<String> expected = new ArrayList<>(sent);
    expected.add("after");
    expected.add("third");
    assertThat(backend.lines()).containsExactlyElementsOf(expected);
  }

  @Test
  void aFullQueueBlocksTheProducerInsteadOfDropping() throws Exception {
    LokiTestBackend backend = LokiTestBackend.down();
    closeLater.add(backend);
    // Retry forever: with Alloy's default of 10 retries a long outage ends in counted drops.
    var h =
        start(
            config(
                backend,
                "    max_backoff_retries = 0",
                "  wal {\n    max_disk_size = \"64KiB\"\n  }"));
    LogsReceiver r = receiver(h);
    String big = "x".repeat(10_000);
    AtomicInteger accepted = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread producer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < 20; i++) {
                      r.receive(List.of(entry(Labels.of("job", "x"), i, i + big)));
                      accepted.incrementAndGet();
                    }
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                });
    Eventually.await(
        () ->
            failure.get() != null
                || metric(h.registry(), "loki_write_queue_blocked_producers") == 1,
        "the producer blocks on the full queue");
    assertThat(failure.get()).isNull();
    assertThat(accepted.get()).isLessThan(20);
    assertThat(producer.isAlive()).isTrue();
    backend.start();
    producer.join(Duration.ofSeconds(30));
    assertThat(failure.get()).isNull();
    assertThat(accepted.get()).isEqualTo(20);
    Eventually.await(() -> backend.lines().size() == 20, "every line once the backend is back");
    assertThat(metric(h.registry(), "loki_write_dropped_entries")).isZero();
    assertThat(metric(h.registry(), "loki_write_queue_blocked_seconds")).isPositive();
  }

  @Test
  void defaultsFollowAlloy() {
    var decoded =
        ComponentHarness.decode(
            LokiWrite.REGISTRATION,
            "loki.write \"x\" {\n  endpoint {\n    url = \"http://h/loki/api/v1/push\"\n  }\n}");
    assertThat(decoded.diagnostics().asList()).isEmpty();
    LokiWrite.Endpoint e = decoded.value().orElseThrow().endpoints().getFirst();
    LokiWrite.Endpoint d = LokiWrite.Endpoint.defaults();
    assertThat(e.batchWait()).hasSeconds(1);
    assertThat(e.batchSize().bytes()).isEqualTo(1 << 20);
    assertThat(e.remoteTimeout()).hasSeconds(10);
    assertThat(e.minBackoffPeriod()).hasMillis(500);
    assertThat(e.maxBackoffPeriod()).hasMinutes(5);
    assertThat(e.maxBackoffRetries()).isEqualTo(10);
    assertThat(e.retryOnHttp429()).isTrue();
    assertThat(e.queueConfig()).isEqualTo(d.queueConfig());
    assertThat(decoded.value().orElseThrow().wal().maxDiskSize().bytes()).isEqualTo(1L << 30);
  }

  static double metric(PrometheusRegistry registry, String name, String... labels) {
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

  /** The real registration, but with its data in {@code dir}, which outlives a harness. */
  static Registration<LokiWrite.Arguments> withDataPath(Path dir) {
    return Registration.of(
        "loki.write",
        Stability.GENERALLY_AVAILABLE,
        LokiWrite.Arguments.class,
        LokiWrite.Exports.class,
        (options, args) -> new LokiWrite(new FixedDataPath(options, dir), args));
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
}
