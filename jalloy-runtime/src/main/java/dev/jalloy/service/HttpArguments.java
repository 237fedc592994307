package dev.jalloy.service;

import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code http} block (Alloy's {@code internal/service/http} {@code Arguments}): TLS and basic
 * authentication for the HTTP server. The listen address comes only from the command line.
 *
 * @param auth basic authentication, optionally limited to some paths
 * @param tls serve HTTPS instead of HTTP
 */
public record HttpArguments(
    @Block(value = "auth", optional = true) Optional<Auth> auth,
    @Block(value = "tls", optional = true) Optional<Tls> tls) {

  /** No TLS, no authentication. */
  public static HttpArguments defaults() {
    return new HttpArguments(Optional.empty(), Optional.empty());
  }

  /**
   * The {@code auth} block.
   *
   * @param basic the credentials; without them nothing is protected
   * @param filter which paths need them; without it, every path does
   */
  public record Auth(
      @Block(value = "basic", optional = true) Optional<Basic> basic,
      @Block(value = "filter", optional = true) Optional<Filter> filter) {
    static Auth defaults() {
      return new Auth(Optional.empty(), Optional.empty());
    }
  }

  /**
   * The {@code basic} block.
   *
   * @param username the user name
   * @param password the password
   */
  public record Basic(@Attr("username") String username, @Attr("password") Value.Secret password) {}

  /**
   * The {@code filter} block.
   *
   * @param paths URL path prefixes
   * @param authenticateMatchingPaths true: only matching paths need credentials; false: all but
   *     them do
   */
  public record Filter(
      @Attr(value = "paths", optional = true) List<String> paths,
      @Attr(value = "authenticate_matching_paths", optional = true)
          boolean authenticateMatchingPaths) {
    static Filter defaults() {
      return new Filter(List.of(), true);
    }
  }

  /**
   * The {@code tls} block. The certificate and key are given inline or as files, not both.
   *
   * @param certPem the server certificate chain, PEM
   * @param certFile a file holding it
   * @param keyPem the private key, PEM
   * @param keyFile a file holding it
   * @param clientCaPem CAs that client certificates are verified against, PEM
   * @param clientCaFile a file holding them
   * @param clientAuthType one of Go's {@code tls.ClientAuthType} names
   * @param cipherSuites IANA cipher suite names; empty for the defaults
   * @param curvePreferences {@code CurveP256}, {@code CurveP384}, {@code CurveP521}, {@code X25519}
   * @param minVersion {@code TLS10} … {@code TLS13}; empty for TLS 1.2, Go's server default
   * @param maxVersion {@code TLS10} … {@code TLS13}; empty for TLS 1.3
   * @param windowsCertificateFilter Windows certificate store selection (Windows only)
   */
  public record Tls(
      @Attr(value = "cert_pem", optional = true) String certPem,
      @Attr(value = "cert_file", optional = true) String certFile,
      @Attr(value = "key_pem", optional = true) Optional<Value.Secret> keyPem,
      @Attr(value = "key_file", optional = true) String keyFile,
      @Attr(value = "client_ca_pem", optional = true) String clientCaPem,
      @Attr(value = "client_ca_file", optional = true) String clientCaFile,
      @Attr(value = "client_auth_type", optional = true) String clientAuthType,
      @Attr(value = "cipher_suites", optional = true) List<String> cipherSuites,
      @Attr(value = "curve_preferences", optional = true) List<String> curvePreferences,
      @Attr(value = "min_version", optional = true) String minVersion,
      @Attr(value = "max_version", optional = true) String maxVersion,
      @Block(value = "windows_certificate_filter", optional = true)
          Optional<WindowsCertificateFilter> windowsCertificateFilter)
      implements Validated {

    static final Map<String, String> VERSIONS =
        Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
    static final Map<String, String> CURVES =
        Map.of(
            "CurveP256",
            "secp256r1",
            "CurveP384",
            "secp384r1",
            "CurveP521",
            "secp521r1",
            "X25519",
            "x25519");
    static final List<String> CLIENT_AUTH_TYPES =
        List.of(
            "NoClientCert",
            "RequestClientCert",
            "RequireAnyClientCert",
            "VerifyClientCertIfGiven",
            "RequireAndVerifyClientCert");

    static Tls defaults() {
      return new Tls(
          "",
          "",
          Optional.empty(),
          "",
          "",
          "",
          "NoClientCert",
          List.of(),
          List.of(),
          "",
          "",
          Optional.empty());
    }

    /** Upstream's checks and messages ({@code TLSArguments.Validate}). */
    @Override
    public void validate() {
      if (windowsCertificateFilter.isPresent()) {
        throw new IllegalArgumentException(
            "windows_certificate_filter is only supported on Windows");
      }
      boolean keyInline = keyPem.map(k -> !k.value().isEmpty()).orElse(false);
      if (!clientCaPem.isEmpty() && !clientCaFile.isEmpty()) {
        throw new IllegalArgumentException("cannot specify both client_ca_pem and client_ca_file");
      }
      if (!certPem.isEmpty() && !certFile.isEmpty()) {
        throw new IllegalArgumentException("cannot specify both cert_pem and cert_file");
      }
      if (keyInline && !keyFile.isEmpty()) {
        throw new IllegalArgumentException("cannot specify both key_pem and key_file");
      }
      if (certPem.isEmpty() && certFile.isEmpty()) {
        throw new IllegalArgumentException("must specify either cert_pem or cert_file");
      }
      if (!keyInline && keyFile.isEmpty()) {
        throw new IllegalArgumentException("must specify either key_pem or key_file");
      }
      if (!CLIENT_AUTH_TYPES.contains(clientAuthType)) {
        throw new IllegalArgumentException("unknown client auth type \"" + clientAuthType + "\"");
      }
      if ((!clientCaPem.isEmpty() || !clientCaFile.isEmpty())
          && clientAuthType.equals("NoClientCert")) {
        throw new IllegalArgumentException(
            "cannot specify client_ca_pem or client_ca_file when client_auth_type is"
                + " NoClientCert");
      }
      for (String v : List.of(minVersion, maxVersion)) {
        if (!v.isEmpty() && !VERSIONS.containsKey(v)) {
          throw new IllegalArgumentException("unknown TLS version \"" + v + "\"");
        }
      }
      for (String c : curvePreferences) {
        if (!CURVES.containsKey(c)) {
          throw new IllegalArgumentException("unknown curve \"" + c + "\"");
        }
      }
    }
  }

  /**
   * The {@code windows_certificate_filter} block, accepted so configurations written for Windows
   * decode, and rejected elsewhere.
   *
   * @param server server certificate selection
   * @param client client CA selection
   */
  public record WindowsCertificateFilter(
      @Block(value = "server", optional = true) Optional<WindowsServerFilter> server,
      @Block(value = "client", optional = true) Optional<WindowsClientFilter> client) {}

  /**
   * Windows server certificate selection.
   *
   * @param store the store
   * @param systemStore the system store
   * @param issuerCommonNames accepted issuers
   * @param templateId the certificate template
   * @param refreshInterval how often to look again
   */
  public record WindowsServerFilter(
      @Attr(value = "store", optional = true) String store,
      @Attr(value = "system_store", optional = true) String systemStore,
      @Attr(value = "issuer_common_names", optional = true) List<String> issuerCommonNames,
      @Attr(value = "template_id", optional = true) String templateId,
      @Attr(value = "refresh_interval", optional = true) Duration refreshInterval) {
    static WindowsServerFilter defaults() {
      return new WindowsServerFilter("", "", List.of(), "", Duration.ofMinutes(5));
    }
  }

  /**
   * Windows client CA selection.
   *
   * @param issuerCommonNames accepted issuers
   * @param subjectRegex a subject pattern
   * @param templateId the certificate template
   */
  public record WindowsClientFilter(
      @Attr(value = "issuer_common_names", optional = true) List<String> issuerCommonNames,
      @Attr(value = "subject_regex", optional = true) String subjectRegex,
      @Attr(value = "template_id", optional = true) String templateId) {
    static WindowsClientFilter defaults() {
      return new WindowsClientFilter(List.of(), "", "");
    }
  }
}
