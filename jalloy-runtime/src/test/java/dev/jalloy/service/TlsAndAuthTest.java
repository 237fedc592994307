package dev.jalloy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.syntax.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and basic authentication with real certificates (made by keytool) and real clients. */
class TlsAndAuthTest {
  private static final char[] PASS = "changeit".toCharArray();

  @TempDir static Path dir;

  private static KeyStore server;
  private static KeyStore client;

  private HttpService http;

  @BeforeAll
  static void certificates() throws Exception {
    server = keytool("server", "RSA", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
    client = keytool("client", "EC", "CN=jalloy test client", "");
  }

  private static KeyStore keytool(String alias, String algorithm, String dname, String ext)
      throws Exception {
    Path store = dir.resolve(alias + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                algorithm,
                "-dname",
                dname,
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASS)));
    if (!ext.isEmpty()) {
      cmd.addAll(List.of("-ext", ext));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, PASS);
    }
    return ks;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static String certPem(KeyStore ks, String alias) throws Exception {
    return pem("CERTIFICATE", ks.getCertificate(alias).getEncoded());
  }

  private static PrivateKey key(KeyStore ks, String alias) throws Exception {
    return (PrivateKey) ks.getKey(alias, PASS);
  }

  /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its final OCTET STRING. */
  private static byte[] pkcs1(byte[] pkcs8) {
    int pos = 0;
    pos++; // SEQUENCE
    pos += lengthBytes(pkcs8, pos);
    pos += 3; // INTEGER 0
    pos++; // AlgorithmIdentifier SEQUENCE
    int algLen = pkcs8[pos] & 0xff;
    pos += 1 + algLen;
    pos++; // OCTET STRING
    int len = length(pkcs8, pos);
    pos += lengthBytes(pkcs8, pos);
    return Arrays.copyOfRange(pkcs8, pos, pos + len);
  }

  private static int lengthBytes(byte[] der, int pos) {
    int b = der[pos] & 0xff;
    return b < 0x80 ? 1 : 1 + (b & 0x7f);
  }

  private static int length(byte[] der, int pos) {
    int b = der[pos] & 0xff;
    if (b < 0x80) {
      return b;
    }
    int len = 0;
    for (int i = 1; i <= (b & 0x7f); i++) {
      len = (len << 8) | (der[pos + i] & 0xff);
    }
    return len;
  }

  private static HttpArguments.Tls tls(String cert, String key, String clientAuth, String ca) {
    HttpArguments.Tls d = HttpArguments.Tls.defaults();
    return new HttpArguments.Tls(
        cert,
        "",
        Optional.of(Value.secret(key)),
        "",
        ca,
        "",
        clientAuth,
        d.cipherSuites(),
        d.curvePreferences(),
        "",
        "",
        Optional.empty());
  }

  private HttpClient httpsClient(boolean withClientCert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", server.getCertificate("server"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    if (withClientCert) {
      kmf.init(client, PASS);
    } else {
      KeyStore empty = KeyStore.getInstance("PKCS12");
      empty.load(null, null);
      kmf.init(empty, PASS);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build();
  }

  private HttpResponse<String> get(HttpClient c, String scheme, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + http.port() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient plainClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @BeforeEach
  void start() throws Exception {
    http = HttpService.builder().listenAddress("127.0.0.1:0").build();
    http.start();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void tlsCanBeSwitchedOnAndOffForNewConnections() throws Exception {
    assertThat(get(plainClient(), "http", "/-/ready").statusCode()).isEqualTo(503);

    String cert = certPem(server, "server");
    String key = pem("PRIVATE KEY", key(server, "server").getEncoded());
    http.apply(
        new HttpArguments(Optional.empty(), Optional.of(tls(cert, key, "NoClientCert", ""))));
    HttpResponse<String> secure = get(httpsClient(false), "https", "/-/ready");
    assertThat(secure.statusCode()).isEqualTo(503);
    assertThat(secure.body()).isEqualTo("Alloy is not ready.\n");
    assertThatThrownBy(() -> get(plainClient(), "http", "/-/ready"))
        .isInstanceOf(IOException.class);

    http.apply(HttpArguments.defaults());
    assertThat(get(plainClient(), "http", "/-/ready").statusCode()).isEqualTo(503);
  }

  @Test
  void pkcs1KeysAndFilesAreRead() throws Exception {
    Path certFile = dir.resolve("server.crt");
    Path keyFile = dir.resolve("server.key");
    Files.writeString(certFile, certPem(server, "server"));
    Files.writeString(keyFile, pem("RSA PRIVATE KEY", pkcs1(key(server, "server").getEncoded())));
    HttpArguments.Tls d = HttpArguments.Tls.defaults();
    HttpArguments.Tls files =
        new HttpArguments.Tls(
            "",
            certFile.toString(),
            Optional.empty(),
            keyFile.toString(),
            "",
            "",
            "NoClientCert",
            List.of(),
            List.of("CurveP256", "X25519"),
            "TLS12",
            "TLS13",
            d.windowsCertificateFilter());
    http.apply(new HttpArguments(Optional.empty(), Optional.of(files)));
    assertThat(get(httpsClient(false), "https", "/-/healthy").statusCode()).isEqualTo(200);
  }

  @Test
  void requireAndVerifyClientCert() throws Exception {
    String cert = certPem(server, "server");
    String key = pem("PRIVATE KEY", key(server, "server").getEncoded());
    Certificate clientCert = client.getCertificate("client");
    String ca = pem("CERTIFICATE", clientCert.getEncoded());
    http.apply(
        new HttpArguments(
            Optional.empty(), Optional.of(tls(cert, key, "RequireAndVerifyClientCert", ca))));
    assertThat(get(httpsClient(true), "https", "/-/healthy").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> get(httpsClient(false), "https", "/-/healthy"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void invalidTlsSettingsAreRejectedWithUpstreamsMessages() {
    String cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    assertThatThrownBy(
            () ->
                http.apply(
                    new HttpArguments(
                        Optional.empty(), Optional.of(tls(cert, "", "NoClientCert", "")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must specify either key_pem or key_file");
    assertThatThrownBy(
            () ->
                http.apply(
                    new HttpArguments(
                        Optional.empty(), Optional.of(tls(cert, "k", "NoClientCert", "ca")))))
        .hasMessage(
            "cannot specify client_ca_pem or client_ca_file when client_auth_type is"
                + " NoClientCert");
    assertThatThrownBy(
            () ->
                http.apply(
                    new HttpArguments(Optional.empty(), Optional.of(tls(cert, "k", "Bogus", "")))))
        .hasMessage("unknown client auth type \"Bogus\"");
  }

  private static HttpArguments basic(Optional<HttpArguments.Filter> filter) {
    return new HttpArguments(
        Optional.of(
            new HttpArguments.Auth(
                Optional.of(new HttpArguments.Basic("admin", Value.secret("s3cret"))), filter)),
        Optional.empty());
  }

  private static String credentials(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicAuthProtectsEveryPathWithoutAFilter() throws Exception {
    http.apply(basic(Optional.empty()));
    HttpResponse<String> denied = get(plainClient(), "http", "/metrics");
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.headers().firstValue("www-authenticate"))
        .hasValue("Basic realm=\"Restricted\"");
    assertThat(
            get(plainClient(), "http", "/-/ready", "Authorization", credentials("admin", "nope"))
                .statusCode())
        .isEqualTo(401);
    assertThat(
            get(plainClient(), "http", "/-/ready", "Authorization", credentials("admin", "s3cret"))
                .statusCode())
        .isEqualTo(503);

    http.apply(HttpArguments.defaults());
    assertThat(get(plainClient(), "http", "/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void filterProtectsMatchingPathsOrEverythingElse() throws Exception {
    http.apply(basic(Optional.of(new HttpArguments.Filter(List.of("/metrics"), true))));
    assertThat(get(plainClient(), "http", "/metrics").statusCode()).isEqualTo(401);
    assertThat(get(plainClient(), "http", "/-/ready").statusCode()).isEqualTo(503);

    http.apply(basic(Optional.of(new HttpArguments.Filter(List.of("/metrics"), false))));
    assertThat(get(plainClient(), "http", "/metrics").statusCode()).isEqualTo(200);
    assertThat(get(plainClient(), "http", "/-/ready").statusCode()).isEqualTo(401);

    http.apply(basic(Optional.of(HttpArguments.Filter.defaults())));
    assertThat(get(plainClient(), "http", "/metrics").statusCode()).isEqualTo(200);
  }
}
