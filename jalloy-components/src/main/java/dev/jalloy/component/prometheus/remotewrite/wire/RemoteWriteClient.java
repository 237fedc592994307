package dev.jalloy.component.prometheus.remotewrite.wire;

import dev.jalloy.component.common.http.AuthorizationHeader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends one remote write 1.0 request and classifies the answer, as Prometheus' {@code
 * storage/remote/client.go} does: 2xx is success; 5xx, 429 (unless turned off), timeouts and
 * connection errors are retryable, honouring {@code Retry-After}; every other status is final and
 * the batch is dropped. Retrying, backoff and counting belong to the caller (the queue).
 *
 * <p>Thread-safe; one client per endpoint, shared by its shards. {@link #send} blocks, so call it
 * from a virtual thread.
 */
public final class RemoteWriteClient {
  /** Prometheus reads at most this much of an error body into its messages. */
  static final int MAX_ERROR_BODY = 1024;

  private final AuthorizationHeader authorization; // its value taken per request; or null
  private final HttpClient http;
  private final URI url;
  private final Duration timeout;
  private final String[] headers;
  private final boolean retryOnHttp429;

  private RemoteWriteClient(Builder b) {
    this.url = b.url;
    this.timeout = b.timeout;
    this.retryOnHttp429 = b.retryOnHttp429;
    if (b.http != null) {
      this.http = b.http;
    } else {
      HttpClient.Builder hb =
          HttpClient.newBuilder()
              // Alloy's enable_http2 defaults to false for remote write.
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(b.timeout)
              .followRedirects(HttpClient.Redirect.NEVER);
      if (b.sslContext != null) {
        hb.sslContext(b.sslContext).sslParameters(b.sslParameters);
      }
      this.http = hb.build();
    }
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Encoding", "snappy");
    h.put("Content-Type", "application/x-protobuf");
    h.put("User-Agent", b.userAgent);
    h.put("X-Prometheus-Remote-Write-Version", "0.1.0");
    this.authorization = b.authorization;
    // Prometheus refuses configured headers that would replace protocol ones; here those lose.
    Map<String, String> merged = new LinkedHashMap<>(b.headers);
    merged.putAll(h);
    if (authorization != null) {
      merged.keySet().removeIf("Authorization"::equalsIgnoreCase); // set on each request
    }
    this.headers =
        merged.entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
            .toArray(String[]::new);
  }

  public static Builder builder(URI url) {
    return new Builder(url);
  }

  /** The default User-Agent, in Alloy's shape: {@code jalloy/<version> (<os>)}. */
  public static String defaultUserAgent() {
    String version = RemoteWriteClient.class.getPackage().getImplementationVersion();
    return "jalloy/"
        + (version == null ? "dev" : version)
        + " ("
        + System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT)
        + ")";
  }

  public URI url() {
    return url;
  }

  /** Sends an encoded request; {@code attempt} 0 is the first try, later ones are retries. */
  public SendResult send(EncodedRequest request, int attempt) throws InterruptedException {
    return send(request.buffer(), 0, request.length(), attempt);
  }

  /**
   * Sends {@code body[offset, offset+length)}, which must already be a snappy-compressed
   * WriteRequest. Retries carry {@code Retry-Attempt: <attempt>}.
   */
  public SendResult send(byte[] body, int offset, int length, int attempt)
      throws InterruptedException {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body, offset, length))
            .headers(headers);
    if (attempt > 0) {
      rb.header("Retry-Attempt", Integer.toString(attempt));
    }
    if (authorization != null) {
      try {
        rb.setHeader("Authorization", authorization.value());
      } catch (IOException e) {
        // as a failed connection: retried, so a secret file being rotated loses nothing
        return new SendResult.Retryable(0, e.getMessage(), Optional.empty());
      }
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      // Timeouts, refused connections, resets: the receiver may be back soon.
      return new SendResult.Retryable(0, String.valueOf(e), Optional.empty());
    }
    int status = response.statusCode();
    String message;
    try (InputStream in = response.body()) {
      message = status / 100 == 2 ? "" : readLimited(in);
      // Drain the rest so the connection can be reused.
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      message = String.valueOf(e);
    }
    return classify(status, message, response.headers().firstValue("Retry-After"));
  }

  SendResult classify(int status, String message, Optional<String> retryAfter) {
    if (status / 100 == 2) {
      return new SendResult.Success(status);
    }
    if (status / 100 == 5 || (status == 429 && retryOnHttp429)) {
      return new SendResult.Retryable(
          status, message, retryAfter.flatMap(v -> parseRetryAfter(v, Instant.now())));
    }
    return new SendResult.Failed(status, message);
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; unusable values are ignored. */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static String readLimited(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_ERROR_BODY);
    return new String(b, StandardCharsets.UTF_8).strip();
  }

  /** Options of one endpoint's client. */
  public static final class Builder {
    private final URI url;
    private Duration timeout = Duration.ofSeconds(30);
    private String userAgent = defaultUserAgent();
    private AuthorizationHeader authorization;
    private boolean retryOnHttp429 = true;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpClient http;
    private SSLContext sslContext;
    private SSLParameters sslParameters;

    private Builder(URI url) {
      this.url = url;
    }

    /** Per request, connect to last byte of the answer; Alloy's {@code remote_timeout} (30s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** {@code Authorization: Basic ...}; replaces any other authorization set before. */
    public Builder basicAuth(String username, String password) {
      return authorization(AuthorizationHeader.basic(username, password));
    }

    /** {@code Authorization: Bearer <token>}; replaces any other authorization set before. */
    public Builder bearerToken(String token) {
      return authorization("Bearer", token);
    }

    /** {@code Authorization: <type> <credentials>}, Alloy's {@code authorization} block. */
    public Builder authorization(String type, String credentials) {
      return authorization(AuthorizationHeader.of(type, credentials));
    }

    /** The {@code Authorization} header, fixed or read from a file for every request. */
    public Builder authorization(AuthorizationHeader authorization) {
      this.authorization = authorization;
      return this;
    }

    /** Whether 429 is retried (Alloy's {@code retry_on_http_429}, default true). */
    public Builder retryOnHttp429(boolean retry) {
      this.retryOnHttp429 = retry;
      return this;
    }

    /** An extra header on every request; protocol headers cannot be overridden. */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /**
     * TLS for an {@code https} URL, as {@code ClientTls} builds it from {@code tls_config}; ignored
     * when {@link #httpClient} is set. The JDK client sets the SNI name from the URL's host unless
     * that is an IP address, and always asks for endpoint identification; a context whose trust
     * manager is an {@code X509ExtendedTrustManager} decides names itself.
     */
    public Builder tls(SSLContext context, SSLParameters parameters) {
      this.sslContext = context;
      this.sslParameters = parameters;
      return this;
    }

    /** Shares an HTTP client (connection pool, TLS) instead of building one. */
    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    public RemoteWriteClient build() {
      return new RemoteWriteClient(this);
    }
  }
}
