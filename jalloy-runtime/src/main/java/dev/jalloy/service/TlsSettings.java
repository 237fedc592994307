package dev.jalloy.service;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Turns the {@code http} block's {@code tls} block into a Jetty SSL context factory with Go's
 * semantics: the five {@code client_auth_type}s, version bounds, cipher suites and curves.
 */
final class TlsSettings {
  private TlsSettings() {}

  /**
   * A started-ready factory for {@code tls}.
   *
   * @throws IllegalArgumentException with a message for the user when files cannot be read or the
   *     PEM data is not a certificate and key
   */
  static SslContextFactory.Server factory(HttpArguments.Tls tls) {
    tls.validate();
    try {
      String certPem = tls.certPem().isEmpty() ? read(tls.certFile(), "cert_file") : tls.certPem();
      String keyPem =
          tls.keyFile().isEmpty()
              ? tls.keyPem().map(s -> s.value()).orElse("")
              : read(tls.keyFile(), "key_file");
      List<X509Certificate> chain = Pem.certificates(certPem, "certificate input");
      PrivateKey key = Pem.privateKey(keyPem);

      char[] password = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), trustManagers(tls), null);

      SslContextFactory.Server factory = new NamedGroupsFactory(curves(tls));
      factory.setSslContext(context);
      switch (tls.clientAuthType()) {
        case "RequestClientCert", "VerifyClientCertIfGiven" -> factory.setWantClientAuth(true);
        case "RequireAnyClientCert", "RequireAndVerifyClientCert" ->
            factory.setNeedClientAuth(true);
        default -> {}
      }
      factory.setIncludeProtocols(protocols(tls).toArray(String[]::new));
      if (!tls.cipherSuites().isEmpty()) {
        // IANA names, which Go and the JDK share. Jetty's default exclusions would silently drop
        // suites the user asked for, so an explicit list replaces them.
        factory.setExcludeCipherSuites();
        factory.setIncludeCipherSuites(tls.cipherSuites().toArray(String[]::new));
      }
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String read(String file, String what) throws IOException {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("failed to read " + what + ": " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(HttpArguments.Tls tls)
      throws GeneralSecurityException, IOException {
    switch (tls.clientAuthType()) {
      case "RequestClientCert", "RequireAnyClientCert" -> {
        // Go asks for (or requires) a certificate without verifying it in these two modes.
        return new TrustManager[] {new AcceptAnyClient()};
      }
      case "VerifyClientCertIfGiven", "RequireAndVerifyClientCert" -> {
        String caPem =
            tls.clientCaPem().isEmpty()
                ? (tls.clientCaFile().isEmpty() ? "" : read(tls.clientCaFile(), "client_ca_file"))
                : tls.clientCaPem();
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caPem.isEmpty()) {
          tmf.init((KeyStore) null); // Go verifies against the system roots without client CAs
        } else {
          KeyStore cas = KeyStore.getInstance("PKCS12");
          cas.load(null, null);
          int i = 0;
          for (X509Certificate c : Pem.certificates(caPem, "client CA input")) {
            cas.setCertificateEntry("ca" + i++, c);
          }
          tmf.init(cas);
        }
        return tmf.getTrustManagers();
      }
      default -> {
        return null; // no client certificates are asked for
      }
    }
  }

  /** TLS 1.2 to 1.3 unless bounded otherwise, as Go's server defaults. */
  private static List<String> protocols(HttpArguments.Tls tls) {
    List<String> order = List.of("TLS10", "TLS11", "TLS12", "TLS13");
    int min = order.indexOf(tls.minVersion().isEmpty() ? "TLS12" : tls.minVersion());
    int max = order.indexOf(tls.maxVersion().isEmpty() ? "TLS13" : tls.maxVersion());
    List<String> out = new ArrayList<>();
    for (int i = min; i <= max; i++) {
      out.add(HttpArguments.Tls.VERSIONS.get(order.get(i)));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("tls min_version is above max_version");
    }
    return out;
  }

  private static String[] curves(HttpArguments.Tls tls) {
    return tls.curvePreferences().stream()
        .map(HttpArguments.Tls.CURVES::get)
        .toArray(String[]::new);
  }

  /** Jetty has no setting for TLS named groups; they are set on each engine. */
  private static final class NamedGroupsFactory extends SslContextFactory.Server {
    private final String[] namedGroups;

    NamedGroupsFactory(String[] namedGroups) {
      this.namedGroups = namedGroups;
    }

    @Override
    public void customize(SSLEngine engine) {
      super.customize(engine);
      if (namedGroups.length > 0) {
        SSLParameters p = engine.getSSLParameters();
        p.setNamedGroups(namedGroups);
        engine.setSSLParameters(p);
      }
    }
  }

  /** Accepts any client certificate: Go's RequestClientCert and RequireAnyClientCert. */
  private static final class AcceptAnyClient extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a client-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("not a client-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("not a client-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
