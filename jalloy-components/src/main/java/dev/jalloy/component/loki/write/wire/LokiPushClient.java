package dev.jalloy.component.loki.write.wire;

import dev.jalloy.component.common.http.AuthorizationHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends one push request and classifies the answer as Alloy's {@code
 * internal/component/common/loki/client} does: 2xx is success; 5xx, connection errors and 429 (when
 * {@code retry_on_http_429}) are retryable; a 429 otherwise is dropped as {@code rate_limited}, any
 * other status as {@code ingester_error}. Retrying and counting belong to the sender.
 *
 * <p>Thread-safe; {@link #send} blocks, so call it from a virtual thread.
 */
public final class LokiPushClient {
  /** Alloy reads at most this much of an error body, and keeps its first line. */
  static final int MAX_ERROR_BODY = 1024;

  private final HttpClient http;
  private final URI url;
  private final Duration timeout;
  private final String[] headers;
  private final boolean retryOnHttp429;

  /** A configured {@code X-Scope-OrgID}: used, as in Alloy, only when the batch has no tenant. */
  private final String configuredOrgId;

  /**
   * The {@code Authorization} header, its value taken for each request (a file is read); or null.
   */
  private final AuthorizationHeader authorization;

  private LokiPushClient(Builder b) {
    this.url = b.url;
    this.timeout = b.timeout;
    this.retryOnHttp429 = b.retryOnHttp429;
    this.authorization = b.authorization;
    HttpClient.Builder hb =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.timeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (b.sslContext != null) {
      hb.sslContext(b.sslContext).sslParameters(b.sslParameters);
    }
    this.http = hb.build();
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/x-protobuf");
    h.put("Content-Encoding", "snappy");
    h.put("User-Agent", b.userAgent);
    if (b.authorization != null) {
      h.put("Authorization", ""); // set per request; reserved here so a header cannot replace it
    }
    // Alloy skips configured headers that would replace ones it sets: here those lose.
    Map<String, String> merged = new LinkedHashMap<>();
    String orgId = "";
    for (Map.Entry<String, String> e : b.headers.entrySet()) {
      String k = e.getKey();
      if (k.equalsIgnoreCase("X-Scope-OrgID")) {
        orgId = e.getValue();
      } else if (h.keySet().stream().noneMatch(k::equalsIgnoreCase)) {
        merged.put(k, e.getValue());
      }
    }
    this.configuredOrgId = orgId;
    merged.putAll(h);
    if (authorization != null) {
      merged.remove("Authorization"); // reserved above, its value set on each request
    }
    this.headers =
        merged.entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
            .toArray(String[]::new);
  }

  /** A builder for a client posting to {@code url}. */
  public static Builder builder(URI url) {
    return new Builder(url);
  }

  /** The endpoint URL. */
  public URI url() {
    return url;
  }

  /**
   * Posts {@code body[0, length)}, a snappy-compressed PushRequest, for {@code tenant} (sent as
   * {@code X-Scope-OrgID} when not empty).
   */
  public PushResult send(byte[] body, int length, String tenant) throws InterruptedException {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length))
            .headers(headers);
    String orgId = tenant.isEmpty() ? configuredOrgId : tenant;
    if (!orgId.isEmpty()) {
      rb.header("X-Scope-OrgID", orgId);
    }
    if (authorization != null) {
      try {
        rb.setHeader("Authorization", authorization.value());
      } catch (IOException e) {
        // as a failed connection: retried, so a secret file being rotated does not lose the batch
        return new PushResult.Retryable(0, e.getMessage());
      }
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      return new PushResult.Retryable(0, String.valueOf(e));
    }
    int status = response.statusCode();
    String message;
    try (InputStream in = response.body()) {
      message = status / 100 == 2 ? "" : errorText(status, in.readNBytes(MAX_ERROR_BODY));
      in.transferTo(OutputStream.nullOutputStream()); // so the connection is reused
    } catch (IOException e) {
      message = String.valueOf(e);
    }
    return classify(status, message, retryOnHttp429);
  }

  static PushResult classify(int status, String message, boolean retryOnHttp429) {
    if (status / 100 == 2) {
      return new PushResult.Success(status);
    }
    if (status == 429) {
      return retryOnHttp429
          ? new PushResult.Retryable(status, message)
          : new PushResult.Failed(status, message, "rate_limited");
    }
    if (status / 100 == 5) {
      return new PushResult.Retryable(status, message);
    }
    return new PushResult.Failed(status, message, "ingester_error");
  }

  /** As Alloy's Loki client words a failed push: status, code, the body's first line. */
  static String errorText(int status, byte[] body) {
    return "server returned HTTP status "
        + status
        + " "
        + org.eclipse.jetty.http.HttpStatus.getMessage(status)
        + " ("
        + status
        + "): "
        + firstLine(body);
  }

  private static String firstLine(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** The default User-Agent: {@code jalloy/<version> (<os>)}. */
  public static String defaultUserAgent() {
    String version = LokiPushClient.class.getPackage().getImplementationVersion();
    return "jalloy/"
        + (version == null ? "dev" : version)
        + " ("
        + System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT)
        + ")";
  }

  /** Options of one endpoint's client. */
  public static final class Builder {
    private final URI url;
    private Duration timeout = Duration.ofSeconds(10);
    private String userAgent = defaultUserAgent();
    private AuthorizationHeader authorization;
    private boolean retryOnHttp429 = true;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private SSLContext sslContext;
    private SSLParameters sslParameters;

    private Builder(URI url) {
      this.url = url;
    }

    /** Alloy's {@code remote_timeout}, default 10s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Replaces the User-Agent. */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** {@code Authorization: Basic ...}. */
    public Builder basicAuth(String username, String password) {
      return authorization(AuthorizationHeader.basic(username, password));
    }

    /** {@code Authorization: <type> <credentials>}; {@code bearer_token} is type Bearer. */
    public Builder authorization(String type, String credentials) {
      return authorization(AuthorizationHeader.of(type, credentials));
    }

    /** The {@code Authorization} header, fixed or read from a file for every push. */
    public Builder authorization(AuthorizationHeader authorization) {
      this.authorization = authorization;
      return this;
    }

    /** TLS for an {@code https} URL, as {@code ClientTls} builds it from {@code tls_config}. */
    public Builder tls(SSLContext context, SSLParameters parameters) {
      this.sslContext = context;
      this.sslParameters = parameters;
      return this;
    }

    /** Whether 429 is retried (default true). */
    public Builder retryOnHttp429(boolean retry) {
      this.retryOnHttp429 = retry;
      return this;
    }

    /**
     * An extra header; protocol headers cannot be overridden, and {@code X-Scope-OrgID} only
     * applies to batches without a tenant.
     */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** The client. */
    public LokiPushClient build() {
      return new LokiPushClient(this);
    }
  }
}
