package dev.jalloy.component.common.http;

import dev.jalloy.service.Pem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The client side of a {@link TlsConfig}, loaded once: an {@link SSLContext} that trusts the
 * configured CAs (or the system roots), presents the client certificate, and verifies the server's
 * name as Go's {@code crypto/tls} does; plus the {@link SSLParameters} (versions, SNI) to apply to
 * each connection.
 *
 * <p>Name verification lives in the context's trust manager rather than in the JDK's endpoint
 * identification, for two reasons. Go verifies against {@code server_name} when it is set, which
 * neither Jetty nor {@code java.net.http} can be told; and {@code java.net.http} always asks for
 * endpoint identification, so {@code insecure_skip_verify} could not turn name checks off per
 * client. An {@link X509ExtendedTrustManager} is consulted instead of the JDK's identification, so
 * with {@code insecure_skip_verify} one that accepts every chain skips both checks.
 *
 * <p>Two instances are equal when they were loaded from the same material, so an update that
 * re-reads unchanged files changes nothing.
 */
public final class ClientTls {
  private static final List<String> JDK_PROTOCOLS =
      List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  /** Everything the context is built from; equality of instances. */
  private record Material(
      String caPem,
      String certPem,
      String keyPem,
      String serverName,
      boolean insecureSkipVerify,
      List<String> protocols) {}

  private final Material material;
  private final SSLContext context;

  private ClientTls(Material material, SSLContext context) {
    this.material = material;
    this.context = context;
  }

  /**
   * Reads the files {@code config} names and builds the context.
   *
   * @throws IllegalArgumentException for an invalid block, an unreadable file or PEM data that is
   *     not a certificate or key, worded as Prometheus' {@code NewTLSConfig}
   */
  public static ClientTls load(TlsConfig config) {
    config.validate();
    String caPem = config.caFile().isEmpty() ? config.caPem() : read(config.caFile(), "CA cert");
    String certPem =
        config.certFile().isEmpty() ? config.certPem() : read(config.certFile(), "client cert");
    String keyPem =
        config.keyFile().isEmpty() ? config.keyPem().value() : read(config.keyFile(), "client key");
    Material m =
        new Material(
            caPem,
            certPem,
            keyPem,
            config.serverName(),
            config.insecureSkipVerify(),
            JDK_PROTOCOLS.subList(config.minIndex(), config.maxIndex() + 1));
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(config, m), new TrustManager[] {trustManager(config, m)}, null);
      return new ClientTls(m, context);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String read(String file, String what) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "unable to load specified " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(TlsConfig config, Material m)
      throws GeneralSecurityException, IOException {
    if (m.certPem().isEmpty()) {
      return null;
    }
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      chain = Pem.certificates(m.certPem(), "certificate input");
      key = Pem.privateKey(m.keyPem());
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(
          "unable to use specified client cert ("
              + (config.certFile().isEmpty() ? "inline" : config.certFile())
              + ") & key ("
              + (config.keyFile().isEmpty() ? "inline" : config.keyFile())
              + "): "
              + e.getMessage(),
          e);
    }
    char[] password = new char[0];
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    return kmf.getKeyManagers();
  }

  private static TrustManager trustManager(TlsConfig config, Material m)
      throws GeneralSecurityException, IOException {
    if (m.insecureSkipVerify()) {
      return new AcceptAny();
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (m.caPem().isEmpty()) {
      tmf.init((KeyStore) null);
    } else {
      KeyStore cas = KeyStore.getInstance("PKCS12");
      cas.load(null, null);
      List<X509Certificate> certs;
      try {
        certs = Pem.certificates(m.caPem(), "CA input");
      } catch (GeneralSecurityException e) {
        throw new GeneralSecurityException(
            config.caFile().isEmpty()
                ? "unable to use inline CA cert"
                : "unable to use specified CA cert " + config.caFile(),
            e);
      }
      int i = 0;
      for (X509Certificate c : certs) {
        cas.setCertificateEntry("ca" + i++, c);
      }
      tmf.init(cas);
    }
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return new VerifyChainAndName(x, m.serverName());
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  /** The context: client certificate, trust and name verification. */
  public SSLContext sslContext() {
    return context;
  }

  /**
   * Per-connection parameters: the enabled protocols ({@code min_version} to {@code max_version})
   * and, with {@code server_name}, the SNI name. Endpoint identification is left off; the context's
   * trust manager verifies names.
   */
  public SSLParameters sslParameters() {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(material.protocols().toArray(String[]::new));
    p.setEndpointIdentificationAlgorithm(null);
    serverName().ifPresent(n -> p.setServerNames(List.of(new SNIHostName(n))));
    return p;
  }

  /** The JDK names of the enabled protocols, oldest first. */
  public List<String> protocols() {
    return material.protocols();
  }

  /** {@code server_name}, when set. */
  public Optional<String> serverName() {
    return material.serverName().isEmpty() ? Optional.empty() : Optional.of(material.serverName());
  }

  /** A Jetty client factory over this context, not yet started. */
  public SslContextFactory.Client jettyFactory() {
    SslContextFactory.Client f = new SslContextFactory.Client();
    f.setSslContext(context);
    // Jetty's default "HTTPS" stays: the trust manager, which decides names, ignores it.
    f.setIncludeProtocols(material.protocols().toArray(String[]::new));
    serverName().ifPresent(n -> f.setSNIProvider((engine, names) -> List.of(new SNIHostName(n))));
    return f;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientTls other && material.equals(other.material);
  }

  @Override
  public int hashCode() {
    return material.hashCode();
  }

  @Override
  public String toString() {
    // Never the key.
    return "ClientTls[serverName="
        + material.serverName()
        + ", insecureSkipVerify="
        + material.insecureSkipVerify()
        + ", protocols="
        + material.protocols()
        + "]";
  }

  /** {@code insecure_skip_verify}: Go's client then checks neither the chain nor the name. */
  private static final class AcceptAny extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * The PKIX chain check, then Go's {@code VerifyHostname} against {@code server_name} or the host
   * the connection was opened to.
   */
  private static final class VerifyChainAndName extends X509ExtendedTrustManager {
    private final X509TrustManager chain;
    private final String serverName;

    VerifyChainAndName(X509TrustManager chain, String serverName) {
      this.chain = chain;
      this.serverName = serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
        throws CertificateException {
      chain.checkServerTrusted(certs, authType);
      verifyName(certs[0], serverName.isEmpty() ? engine.getPeerHost() : serverName);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
        throws CertificateException {
      chain.checkServerTrusted(certs, authType);
      String host =
          socket instanceof SSLSocket s && s.getHandshakeSession() != null
              ? s.getHandshakeSession().getPeerHost()
              : null;
      verifyName(certs[0], serverName.isEmpty() ? host : serverName);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType)
        throws CertificateException {
      // No connection to name the host: only a configured server_name can be checked.
      chain.checkServerTrusted(certs, authType);
      if (!serverName.isEmpty()) {
        verifyName(certs[0], serverName);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
        throws CertificateException {
      chain.checkClientTrusted(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
        throws CertificateException {
      chain.checkClientTrusted(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType)
        throws CertificateException {
      chain.checkClientTrusted(certs, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chain.getAcceptedIssuers();
    }
  }

  /** Go's {@code x509.Certificate.VerifyHostname}: SANs only, a wildcard as the first label. */
  static void verifyName(X509Certificate cert, String host) throws CertificateException {
    if (host == null || host.isEmpty()) {
      throw new CertificateException("x509: no server name to verify the certificate against");
    }
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    try {
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          switch ((Integer) san.get(0)) {
            case 2 -> dns.add((String) san.get(1));
            case 7 -> ips.add((String) san.get(1));
            default -> {}
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new CertificateException("x509: " + e.getMessage(), e);
    }
    if (isIpLiteral(h)) {
      InetAddress want = literal(h);
      for (String ip : ips) {
        if (literal(ip).equals(want)) {
          return;
        }
      }
      if (ips.isEmpty()) {
        throw new CertificateException(
            "x509: cannot validate certificate for "
                + h
                + " because it doesn't contain any IP SANs");
      }
      throw new CertificateException(
          "x509: certificate is valid for " + String.join(", ", ips) + ", not " + h);
    }
    String want = h.toLowerCase(Locale.ROOT);
    if (want.endsWith(".")) {
      want = want.substring(0, want.length() - 1);
    }
    for (String name : dns) {
      if (matches(name.toLowerCase(Locale.ROOT), want)) {
        return;
      }
    }
    if (dns.isEmpty()) {
      throw new CertificateException(
          "x509: certificate is not valid for any names, but wanted to match " + h);
    }
    throw new CertificateException(
        "x509: certificate is valid for " + String.join(", ", dns) + ", not " + h);
  }

  private static boolean matches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(host);
  }

  private static boolean isIpLiteral(String h) {
    return h.contains(":") || h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static InetAddress literal(String ip) throws CertificateException {
    try {
      return InetAddress.ofLiteral(ip);
    } catch (IllegalArgumentException e) {
      throw new CertificateException("x509: invalid IP address " + ip, e);
    }
  }
}
