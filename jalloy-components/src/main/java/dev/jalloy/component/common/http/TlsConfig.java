package dev.jalloy.component.common.http;

import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.value.Value;
import java.util.List;

/**
 * The {@code tls_config} block of an HTTP client, as Alloy's {@code config.TLSConfig} names and
 * checks it.
 *
 * <pre>
 * tls_config {
 *   ca_file     = "/etc/ssl/ca.pem"
 *   cert_file   = "/etc/ssl/client.pem"
 *   key_file    = "/etc/ssl/client-key.pem"
 *   server_name = "metrics.internal"
 *   min_version = "TLS12"
 * }
 * </pre>
 *
 * <p>Files are read when the component is updated ({@link ClientTls#load}), not on every
 * connection: a rotated certificate takes effect at the next configuration reload.
 *
 * @param caPem CA certificates (PEM) that verify the server; the system roots when neither this nor
 *     {@code ca_file} is set
 * @param caFile a file holding them
 * @param certPem the client certificate chain (PEM), for mutual TLS
 * @param certFile a file holding it
 * @param keyPem the client certificate's private key (PEM)
 * @param keyFile a file holding it
 * @param serverName the name sent as SNI and verified against the server's certificate; the URL's
 *     host when empty
 * @param insecureSkipVerify accept any server certificate for any name
 * @param minVersion the oldest TLS version, {@code TLS10} to {@code TLS13}; Go's client default
 *     {@code TLS12} when empty
 * @param maxVersion the newest TLS version; {@code TLS13} when empty
 */
public record TlsConfig(
    @Attr(value = "ca_pem", optional = true) String caPem,
    @Attr(value = "ca_file", optional = true) String caFile,
    @Attr(value = "cert_pem", optional = true) String certPem,
    @Attr(value = "cert_file", optional = true) String certFile,
    @Attr(value = "key_pem", optional = true) Value.Secret keyPem,
    @Attr(value = "key_file", optional = true) String keyFile,
    @Attr(value = "server_name", optional = true) String serverName,
    @Attr(value = "insecure_skip_verify", optional = true) boolean insecureSkipVerify,
    @Attr(value = "min_version", optional = true) String minVersion,
    @Attr(value = "max_version", optional = true) String maxVersion)
    implements Validated {

  /** Alloy's version names, oldest first. */
  static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");

  /** Nothing set: the system roots verify the server, TLS 1.2 to 1.3. */
  public static TlsConfig defaults() {
    return new TlsConfig("", "", "", "", Value.secret(""), "", "", false, "", "");
  }

  /** Upstream's checks and messages ({@code TLSConfig.Validate}, {@code TLSVersion}). */
  @Override
  public void validate() {
    if (!caPem.isEmpty() && !caFile.isEmpty()) {
      throw new IllegalArgumentException("at most one of ca_pem and ca_file must be configured");
    }
    if (!certPem.isEmpty() && !certFile.isEmpty()) {
      throw new IllegalArgumentException(
          "at most one of cert_pem and cert_file must be configured");
    }
    if (!keyPem.value().isEmpty() && !keyFile.isEmpty()) {
      throw new IllegalArgumentException("at most one of key_pem and key_file must be configured");
    }
    boolean usingClientCert = !certPem.isEmpty() || !certFile.isEmpty();
    boolean usingClientKey = !keyPem.value().isEmpty() || !keyFile.isEmpty();
    if (usingClientCert && !usingClientKey) {
      throw new IllegalArgumentException(
          "exactly one of key_pem or key_file must be configured when a client certificate is"
              + " configured");
    }
    if (usingClientKey && !usingClientCert) {
      throw new IllegalArgumentException(
          "exactly one of cert_pem or cert_file must be configured when a client key is"
              + " configured");
    }
    for (String v : List.of(minVersion, maxVersion)) {
      if (!v.isEmpty() && !VERSIONS.contains(v)) {
        throw new IllegalArgumentException("unknown TLS version: " + v);
      }
    }
    if (minIndex() > maxIndex()) {
      // Go accepts this and fails every handshake; failing here says why.
      throw new IllegalArgumentException(
          "tls_config min_version " + minVersion + " is above max_version " + maxVersion);
    }
  }

  int minIndex() {
    return VERSIONS.indexOf(minVersion.isEmpty() ? "TLS12" : minVersion);
  }

  int maxIndex() {
    return VERSIONS.indexOf(maxVersion.isEmpty() ? "TLS13" : maxVersion);
  }
}
