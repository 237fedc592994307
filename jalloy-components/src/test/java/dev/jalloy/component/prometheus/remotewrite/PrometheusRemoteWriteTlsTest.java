package dev.jalloy.component.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.common.http.ClientTls;
import dev.jalloy.component.common.http.TlsConfig;
import dev.jalloy.component.common.http.TlsFixture;
import dev.jalloy.component.common.http.TlsFixtureExtension;
import dev.jalloy.component.prometheus.remotewrite.wire.RemoteWriteClient;
import dev.jalloy.component.prometheus.remotewrite.wire.Sample;
import dev.jalloy.component.prometheus.remotewrite.wire.SendResult;
import dev.jalloy.component.prometheus.remotewrite.wire.TimeSeries;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestDecoder;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Labels;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code prometheus.remote_write} to an HTTPS receiver, with the endpoint's {@code tls_config}. */
class PrometheusRemoteWriteTlsTest {
  @RegisterExtension final TlsFixtureExtension fixture = new TlsFixtureExtension();

  private List<TimeSeries> received() throws Exception {
    List<TimeSeries> out = new ArrayList<>();
    for (byte[] body : fixture.pki().writes) {
      out.addAll(new WriteRequestDecoder().decode(body).timeseries());
    }
    return out;
  }

  @Test
  void caFileDeliversSamplesOverHttps() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), false);
    try (var h =
        ComponentHarness.start(
            PrometheusRemoteWrite.REGISTRATION,
            """
            prometheus.remote_write "test" {
              endpoint {
                url  = "https://%s/api/v1/write"
                name = "ep"
                tls_config {
                  ca_file = %s
                }
                queue_config {
                  batch_send_deadline = "20ms"
                  min_backoff         = "10ms"
                  max_backoff         = "50ms"
                }
              }
            }
            """
                .formatted(addr, TlsFixture.quote(fixture.pki().ca().cert().toString())))) {
      Appender a = h.exports(PrometheusRemoteWrite.Exports.class).receiver().appender();
      a.append(0, Labels.of("__name__", "up", "job", "node"), 1_700_000_000_000L, 1.0);
      a.commit();
      Eventually.await(() -> !fixture.pki().writes.isEmpty(), "a write at the HTTPS receiver");
      assertThat(received())
          .containsExactly(
              new TimeSeries(
                  Labels.of("__name__", "up", "job", "node"),
                  List.of(new Sample(1_700_000_000_000L, 1.0))));
    }
  }

  private static TlsConfig tls(String caPem, boolean insecure) {
    return new TlsConfig(caPem, "", "", "", Value.secret(""), "", "", insecure, "", "");
  }

  private static SendResult send(String url, TlsConfig config) throws InterruptedException {
    ClientTls tls = ClientTls.load(config);
    RemoteWriteClient client =
        RemoteWriteClient.builder(URI.create(url))
            .tls(tls.sslContext(), tls.sslParameters())
            .build();
    return client.send(new byte[0], 0, 0, 0);
  }

  /**
   * The JDK client always asks for hostname verification; with {@code insecure_skip_verify} the
   * trust manager accepts the chain and the name anyway. Without it, the same certificate (an
   * unknown CA, a name that is not the URL's host) is refused for its name, then for its chain.
   */
  @Test
  void insecureSkipVerifyTurnsOffChainAndNameChecksOfTheJdkClient() throws Exception {
    String addr =
        fixture
            .pki()
            .start(fixture.pki().issue("elsewhere", "subjectAltName=DNS:elsewhere.example"), false);
    String url = "https://" + addr + "/api/v1/write";

    assertThat(send(url, tls("", true))).isInstanceOf(SendResult.Success.class);

    SendResult wrongName = send(url, tls(fixture.pki().ca().certPem(), false));
    assertThat(wrongName).isInstanceOf(SendResult.Retryable.class);
    assertThat(((SendResult.Retryable) wrongName).message())
        .contains(
            "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP"
                + " SANs");

    SendResult unknownCa = send(url, TlsConfig.defaults());
    assertThat(((SendResult.Retryable) unknownCa).message()).contains("PKIX path building failed");
  }

  @Test
  void tlsConfigIsValidatedWithTheEndpoint() {
    var e = PrometheusRemoteWrite.Endpoint.of("https://127.0.0.1:1/api/v1/write");
    var withTls =
        new PrometheusRemoteWrite.Endpoint(
            e.url(),
            e.name(),
            e.remoteTimeout(),
            e.headers(),
            e.sendExemplars(),
            e.sendNativeHistograms(),
            e.bearerToken(),
            e.bearerTokenFile(),
            e.basicAuth(),
            e.authorization(),
            e.writeRelabelConfigs(),
            e.queueConfig(),
            e.metadataConfig(),
            Optional.of(new TlsConfig("x", "f", "", "", Value.secret(""), "", "", false, "", "")));
    assertThatThrownBy(withTls::validate)
        .hasMessage("at most one of ca_pem and ca_file must be configured");
  }
}
