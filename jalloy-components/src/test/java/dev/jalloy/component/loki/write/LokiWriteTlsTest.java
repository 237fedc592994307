package dev.jalloy.component.loki.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.common.http.TlsFixture;
import dev.jalloy.component.common.http.TlsFixtureExtension;
import dev.jalloy.component.loki.write.wire.PushEntry;
import dev.jalloy.component.loki.write.wire.PushRequestDecoder;
import dev.jalloy.component.loki.write.wire.PushStream;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loki.write} to an HTTPS receiver (Jetty with certificates openssl made), with the
 * endpoint's {@code tls_config}. The receiver records bodies posted to {@code /api/v1/write}
 * whatever their format, so the push goes there.
 */
class LokiWriteTlsTest {
  private static final long T = 1_700_000_000_000_000_000L;

  @TempDir Path dir;

  @RegisterExtension final TlsFixtureExtension fixture = new TlsFixtureExtension();

  private String config(String addr, String tls) {
    return """
        loki.write "test" {
          endpoint {
            url                = "https://%s/api/v1/write"
            name               = "ep"
            batch_wait         = "20ms"
            min_backoff_period = "10ms"
            max_backoff_period = "50ms"
            %s
          }
        }
        """
        .formatted(addr, tls);
  }

  @Test
  void caFileDeliversEntriesOverHttps() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), false);
    String tls =
        "tls_config { ca_file = " + TlsFixture.quote(fixture.pki().ca().cert().toString()) + " }";
    try (var h =
        ComponentHarness.start(
            LokiWriteTest.withDataPath(dir.resolve("data")), config(addr, tls))) {
      h.exports(LokiWrite.Exports.class)
          .receiver()
          .receive(List.of(LogEntry.of(Labels.of("job", "tls"), T, "over https")));
      Eventually.await(() -> !fixture.pki().writes.isEmpty(), "a push at the HTTPS receiver");
      assertThat(new PushRequestDecoder(1 << 20).decode(fixture.pki().writes.getFirst()).streams())
          .containsExactly(
              new PushStream(
                  "{job=\"tls\"}", List.of(new PushEntry(T, "over https", Labels.EMPTY))));
    }
  }

  @Test
  void mutualTlsSendsTheClientCertificate() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), true);
    TlsFixture.Pair client = fixture.pki().client();
    String tls =
        "tls_config {\n ca_file = %s\n cert_file = %s\n key_file = %s\n }"
            .formatted(
                TlsFixture.quote(fixture.pki().ca().cert().toString()),
                TlsFixture.quote(client.cert().toString()),
                TlsFixture.quote(client.key().toString()));
    try (var h =
        ComponentHarness.start(
            LokiWriteTest.withDataPath(dir.resolve("data")), config(addr, tls))) {
      h.exports(LokiWrite.Exports.class)
          .receiver()
          .receive(List.of(LogEntry.of(Labels.of("job", "mtls"), T, "with a client cert")));
      Eventually.await(
          () -> !fixture.pki().writes.isEmpty(), "a push at the receiver that asks for a cert");
    }
  }

  @Test
  void withoutTheCaNothingIsSentAndNothingIsLost() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), false);
    try (var h =
        ComponentHarness.start(LokiWriteTest.withDataPath(dir.resolve("data")), config(addr, ""))) {
      h.exports(LokiWrite.Exports.class)
          .receiver()
          .receive(List.of(LogEntry.of(Labels.of("job", "tls"), T, "held")));
      Eventually.await(
          () -> LokiWriteTest.metric(h.registry(), "loki_write_batch_retries") >= 2,
          "retries against a certificate the system roots do not trust");
      assertThat(fixture.pki().writes).isEmpty();
      assertThat(LokiWriteTest.metric(h.registry(), "loki_write_dropped_entries")).isZero();
    }
  }
}
