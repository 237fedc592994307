package dev.jalloy.component.common.http;

import dev.jalloy.service.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A throwaway PKI made with {@code openssl} at test time (a CA, server certificates, a client
 * certificate) and a Jetty HTTPS server on a loopback port that serves {@code /metrics} and keeps
 * every body posted to {@code /api/v1/write}.
 */
public final class TlsFixture implements AutoCloseable {
  /** What the server answers on {@code /metrics}. */
  public static final String METRICS = "temperature 21.5\n";

  /** A certificate and its key, as PEM files. */
  public record Pair(Path cert, Path key) {
    /** The certificate's PEM text. */
    public String certPem() {
      return readString(cert);
    }

    /** The key's PEM text. */
    public String keyPem() {
      return readString(key);
    }
  }

  private final Path dir;
  private final Pair ca;
  private Server server;

  /** Bodies posted to the write path, in arrival order. */
  public final List<byte[]> writes = new CopyOnWriteArrayList<>();

  private TlsFixture(Path dir, Pair ca) {
    this.dir = dir;
    this.ca = ca;
  }

  /** A new CA under {@code dir}. */
  public static TlsFixture create(Path dir) throws Exception {
    Pair ca = new Pair(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"));
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        ca.key().toString(),
        "-out",
        ca.cert().toString(),
        "-days",
        "1",
        "-subj",
        "/CN=jalloy test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    return new TlsFixture(dir, ca);
  }

  /** The CA. */
  public Pair ca() {
    return ca;
  }

  /**
   * A certificate signed by the CA.
   *
   * @param name file name prefix and common name
   * @param extensions OpenSSL extension lines, e.g. {@code subjectAltName=IP:127.0.0.1}
   */
  public Pair issue(String name, String... extensions) throws Exception {
    Pair p = new Pair(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
    Path csr = dir.resolve(name + ".csr");
    Path ext = dir.resolve(name + ".ext");
    Files.writeString(ext, String.join("\n", extensions) + "\n");
    openssl(
        dir,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        p.key().toString(),
        "-out",
        csr.toString(),
        "-subj",
        "/CN=" + name);
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        ca.cert().toString(),
        "-CAkey",
        ca.key().toString(),
        "-set_serial",
        Long.toString(System.nanoTime()),
        "-days",
        "1",
        "-out",
        p.cert().toString(),
        "-extfile",
        ext.toString());
    return p;
  }

  /** A server certificate for 127.0.0.1 and localhost. */
  public Pair loopbackServer() throws Exception {
    return issue(
        "server", "subjectAltName=IP:127.0.0.1,DNS:localhost", "extendedKeyUsage=serverAuth");
  }

  /** A client certificate. */
  public Pair client() throws Exception {
    return issue("client", "extendedKeyUsage=clientAuth");
  }

  /**
   * Starts the HTTPS server on a free loopback port.
   *
   * @param cert the server's certificate
   * @param requireClientCert whether a client certificate signed by the CA is required
   * @return the {@code host:port} it listens on
   */
  public String start(Pair cert, boolean requireClientCert) throws Exception {
    char[] none = new char[0];
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        Pem.privateKey(cert.keyPem()),
        none,
        Pem.certificates(cert.certPem(), "server cert").toArray(X509Certificate[]::new));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.certificates(ca.certPem(), "CA").getFirst());

    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keys);
    ssl.setKeyStorePassword("");
    ssl.setTrustStore(trust);
    ssl.setNeedClientAuth(requireClientCert);

    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false); // clients connect to 127.0.0.1 and may send any server_name
    http.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            String path = Request.getPathInContext(request);
            if (path.equals("/api/v1/write")) {
              writes.add(Content.Source.asInputStream(request).readAllBytes());
              response.setStatus(204);
              callback.succeeded();
              return true;
            }
            response.getHeaders().put("Content-Type", "text/plain; version=0.0.4");
            Content.Sink.write(response, true, METRICS, callback);
            return true;
          }
        });
    server.start();
    return "127.0.0.1:" + connector.getLocalPort();
  }

  /** {@code text} as an Alloy string literal. */
  public static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("stopping the test server", e);
      }
    }
  }

  private static void openssl(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("/usr/bin/openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + ":\n" + out);
    }
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
