package dev.jalloy.component.prometheus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.common.http.TlsFixture;
import dev.jalloy.component.common.http.TlsFixtureExtension;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.CollectingReceiver;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code prometheus.scrape} against an HTTPS target, with the {@code tls_config} block. */
@SuppressWarnings("try") // the harness only needs closing
class PrometheusScrapeTlsTest {
  private final CollectingReceiver sink = new CollectingReceiver();
  @RegisterExtension final TlsFixtureExtension fixture = new TlsFixtureExtension();

  private ComponentHarness<PrometheusScrape.Arguments> start(String address, String tls)
      throws Exception {
    return ComponentHarness.builder(PrometheusScrape.REGISTRATION)
        .variable("sink", Value.object(Map.of("receiver", Value.capsule("MetricsReceiver", sink))))
        .start(
            """
            prometheus.scrape "t" {
              targets         = [{"__address__" = "%s"}]
              forward_to      = [sink.receiver]
              scheme          = "https"
              scrape_interval = "200ms"
              scrape_timeout  = "200ms"
              %s
            }
            """
                .formatted(address, tls));
  }

  /**
   * Waits for an {@code up} sample of {@code value}. The first scrape of a busy test machine may
   * time out during the handshake, so an earlier sample may differ.
   */
  private void awaitUp(double value) {
    Eventually.await(
        Duration.ofSeconds(10),
        () ->
            sink.samples.stream()
                .anyMatch(s -> s.labels().get("__name__").equals("up") && s.value() == value),
        "up == " + value);
  }

  /** Waits for the target to be down with an error other than a timeout, and returns it. */
  private static String awaitTlsError(ComponentHarness<?> h) {
    return Eventually.await(
            Duration.ofSeconds(10),
            () ->
                ((PrometheusScrape.DebugInfo) ((PrometheusScrape) h.component()).debugInfo())
                    .targets().stream()
                        .filter(t -> t.health().equals("down"))
                        .map(ScrapeLoop.Status::lastError)
                        .filter(e -> !e.contains("context deadline exceeded"))
                        .findFirst(),
            Optional::isPresent,
            "a down target with a TLS error")
        .orElseThrow();
  }

  @Test
  void caPemVerifiesTheServer() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), false);
    try (var h =
        start(
            addr,
            "tls_config { ca_pem = " + TlsFixture.quote(fixture.pki().ca().certPem()) + " }")) {
      awaitUp(1.0);
      Eventually.await(
          () ->
              sink.samples.stream().anyMatch(s -> s.labels().get("__name__").equals("temperature")),
          "the target's sample");
    }
  }

  @Test
  void withoutTheCaTheHandshakeFailsAndTheTargetIsDown() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), false);
    try (var h = start(addr, "")) {
      assertThat(awaitTlsError(h)).contains("PKIX path building failed");
      awaitUp(0.0);
    }
  }

  @Test
  void insecureSkipVerifyAcceptsAnUnknownCa() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), false);
    try (var h = start(addr, "tls_config { insecure_skip_verify = true }")) {
      awaitUp(1.0);
    }
  }

  @Test
  void serverNameIsWhatTheCertificateMustMatch() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), false);
    String ca = "ca_file = " + TlsFixture.quote(fixture.pki().ca().cert().toString());
    try (var h = start(addr, "tls_config {\n " + ca + "\n server_name = \"other.example\"\n}")) {
      assertThat(awaitTlsError(h))
          .contains("x509: certificate is valid for localhost, not other.example");
    }
    sink.samples.clear();
    try (var h = start(addr, "tls_config {\n " + ca + "\n server_name = \"localhost\"\n}")) {
      awaitUp(1.0);
    }
  }

  @Test
  void mutualTlsPresentsTheClientCertificate() throws Exception {
    String addr = fixture.pki().start(fixture.pki().loopbackServer(), true);
    String ca = "ca_pem = " + TlsFixture.quote(fixture.pki().ca().certPem());
    try (var h = start(addr, "tls_config { " + ca + " }")) {
      assertThat(awaitTlsError(h)).as("no client certificate").contains("certificate_required");
    }
    sink.samples.clear();
    TlsFixture.Pair client = fixture.pki().client();
    String tls =
        "tls_config {\n "
            + ca
            + "\n cert_pem = "
            + TlsFixture.quote(client.certPem())
            + "\n key_pem = "
            + TlsFixture.quote(client.keyPem())
            + "\n}";
    try (var h = start(addr, tls)) {
      awaitUp(1.0);
    }
  }
}
