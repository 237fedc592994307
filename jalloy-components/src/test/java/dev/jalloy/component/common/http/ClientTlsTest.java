package dev.jalloy.component.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.service.Pem;
import dev.jalloy.syntax.value.Value;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientTlsTest {
  @TempDir Path dir;

  private static TlsConfig tls(
      String caPem, String caFile, String certPem, String certFile, String keyPem, String keyFile) {
    return new TlsConfig(
        caPem, caFile, certPem, certFile, Value.secret(keyPem), keyFile, "", false, "", "");
  }

  private static TlsConfig versions(String min, String max) {
    TlsConfig d = TlsConfig.defaults();
    return new TlsConfig(
        d.caPem(),
        d.caFile(),
        d.certPem(),
        d.certFile(),
        d.keyPem(),
        d.keyFile(),
        "",
        false,
        min,
        max);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "ca twice",
            tls("x", "f", "", "", "", ""),
            "at most one of ca_pem and ca_file must be configured"),
        Arguments.of(
            "cert twice",
            tls("", "", "x", "f", "k", ""),
            "at most one of cert_pem and cert_file must be configured"),
        Arguments.of(
            "key twice",
            tls("", "", "x", "", "k", "f"),
            "at most one of key_pem and key_file must be configured"),
        Arguments.of(
            "cert without key",
            tls("", "", "", "f", "", ""),
            "exactly one of key_pem or key_file must be configured when a client certificate is"
                + " configured"),
        Arguments.of(
            "key without cert",
            tls("", "", "", "", "k", ""),
            "exactly one of cert_pem or cert_file must be configured when a client key is"
                + " configured"),
        Arguments.of("unknown version", versions("TLS14", ""), "unknown TLS version: TLS14"),
        Arguments.of(
            "min above max",
            versions("TLS13", "TLS12"),
            "tls_config min_version TLS13 is above max_version TLS12"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void validationUsesAlloysWords(String name, TlsConfig config, String message) {
    assertThatThrownBy(config::validate)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void defaultsAreValidAndSpanTls12To13() {
    TlsConfig.defaults().validate();
    assertThat(ClientTls.load(TlsConfig.defaults()).protocols())
        .containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(ClientTls.load(versions("TLS10", "TLS12")).protocols())
        .containsExactly("TLSv1", "TLSv1.1", "TLSv1.2");
    assertThat(ClientTls.load(versions("", "TLS12")).sslParameters().getProtocols())
        .containsExactly("TLSv1.2");
  }

  @Test
  void unreadableFilesAndBadPemFailAtLoad() {
    assertThatThrownBy(() -> ClientTls.load(tls("", "/nonexistent/ca.pem", "", "", "", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unable to load specified CA cert /nonexistent/ca.pem: ");
    assertThatThrownBy(() -> ClientTls.load(tls("not a pem", "", "", "", "", "")))
        .hasMessage("unable to use inline CA cert");
  }

  @Test
  void equalWhenLoadedFromTheSameMaterialAndTheKeyStaysOutOfToString() throws Exception {
    TlsFixture pki = TlsFixture.create(dir);
    TlsFixture.Pair client = pki.client();
    TlsConfig files =
        tls(
            "",
            pki.ca().cert().toString(),
            "",
            client.cert().toString(),
            "",
            client.key().toString());
    TlsConfig inline = tls(pki.ca().certPem(), "", client.certPem(), "", client.keyPem(), "");
    assertThat(ClientTls.load(files)).isEqualTo(ClientTls.load(inline));
    assertThat(ClientTls.load(files)).isNotEqualTo(ClientTls.load(TlsConfig.defaults()));
    assertThat(ClientTls.load(inline).toString()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void namesAreVerifiedAsGoDoes() throws Exception {
    TlsFixture pki = TlsFixture.create(dir);
    X509Certificate server = cert(pki.loopbackServer());
    X509Certificate wildcard = cert(pki.issue("wild", "subjectAltName=DNS:*.example.com,IP:::1"));
    X509Certificate noSans = cert(pki.issue("plain", "basicConstraints=CA:FALSE"));

    ClientTls.verifyName(server, "127.0.0.1");
    ClientTls.verifyName(server, "LOCALHOST");
    ClientTls.verifyName(wildcard, "a.example.com");
    ClientTls.verifyName(wildcard, "[::1]");
    assertThatThrownBy(() -> ClientTls.verifyName(server, "10.0.0.1"))
        .isInstanceOf(CertificateException.class)
        .hasMessage("x509: certificate is valid for 127.0.0.1, not 10.0.0.1");
    assertThatThrownBy(() -> ClientTls.verifyName(server, "example.com"))
        .hasMessage("x509: certificate is valid for localhost, not example.com");
    assertThatThrownBy(() -> ClientTls.verifyName(wildcard, "a.b.example.com"))
        .hasMessage("x509: certificate is valid for *.example.com, not a.b.example.com");
    assertThatThrownBy(() -> ClientTls.verifyName(wildcard, "127.0.0.1"))
        .hasMessage("x509: certificate is valid for 0:0:0:0:0:0:0:1, not 127.0.0.1");
    assertThatThrownBy(() -> ClientTls.verifyName(noSans, "plain"))
        .hasMessage("x509: certificate is not valid for any names, but wanted to match plain");
    assertThatThrownBy(() -> ClientTls.verifyName(noSans, "127.0.0.1"))
        .hasMessage(
            "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP"
                + " SANs");
  }

  private static X509Certificate cert(TlsFixture.Pair p) throws Exception {
    List<X509Certificate> certs = Pem.certificates(p.certPem(), "test");
    return certs.getFirst();
  }
}
