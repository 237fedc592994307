package dev.jalloy.component.prometheus.scrape;

import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.Services;
import dev.jalloy.component.common.http.AuthorizationHeader;
import dev.jalloy.component.common.http.ClientTls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * Fetches one scrape body: an HTTP GET with Prometheus' headers, bounded by the scrape timeout and
 * {@code body_size_limit}; or, for a target on the memory address, a call to the component's
 * handler in process (Alloy dials its in-memory listener there).
 *
 * <p>A component with a {@code tls_config} gets its own client, shared by its loops: Jetty sets TLS
 * per client, not per request. It is replaced when the TLS settings change and stopped by {@link
 * #close()}.
 */
final class Scraper implements AutoCloseable {
  /**
   * One client for every scrape of every component: connections are pooled per host. Jetty's, as
   * DESIGN.md chose for HTTP; it decodes nothing itself (gzip is handled here, against the body
   * size limit) and names no user agent of its own.
   */
  private static final HttpClient CLIENT = startClient();

  // Reads bodies so a stalled one can be abandoned at the deadline.
  private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

  private static HttpClient startClient() {
    return startClient(new HttpClient(), "scrape");
  }

  private static HttpClient startClient(HttpClient client, String name) {
    client.setConnectTimeout(10_000);
    client.setFollowRedirects(true);
    client.setUserAgentField(null);
    client.getContentDecoderFactories().clear();
    // Prometheus' scrape client keeps no cookies (Go's client has no jar); Jetty's default store
    // would keep them, and look them up on every request.
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.setExecutor(new VirtualThreadPool());
    client.setName(name);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the scrape HTTP client", e);
    }
    return client;
  }

  private static final String COMPONENT_PREFIX = "/api/v0/component/";

  /** The largest body a byte array can hold. */
  private static final int MAX_BODY = Integer.MAX_VALUE - 16;

  /**
   * A fetched body.
   *
   * @param contentType the response's Content-Type, empty when none
   * @param body the (decompressed) body
   */
  record Body(String contentType, byte[] body) {}

  /**
   * What every request of a component carries.
   *
   * @param accept the Accept header
   * @param compression whether to ask for gzip
   * @param bodySizeLimit the largest body accepted, 0 for no limit
   * @param authorization the Authorization header, when the options give one
   * @param tls the component's {@code tls_config}, loaded; the shared client without one
   */
  record Settings(
      String accept,
      boolean compression,
      long bodySizeLimit,
      Optional<AuthorizationHeader> authorization,
      Optional<ClientTls> tls) {}

  private final Services services;
  private final Object lock = new Object();
  private ClientTls tls; // guarded by lock; what tlsClient was built from
  private HttpClient tlsClient; // guarded by lock

  Scraper(Services services) {
    this.services = services;
  }

  /** Fetches {@code url}; any failure (status, timeout, size) is an exception. */
  Body fetch(TargetLabels.Target target, Settings settings) throws Exception {
    URI uri = URI.create(target.url());
    Optional<HttpHandlerProvider> inProcess = inProcessHandler(target, uri);
    if (inProcess.isPresent()) {
      long deadline = System.nanoTime() + target.timeout().toNanos();
      return fetchInProcess(inProcess.get(), uri, settings, deadline);
    }
    // a file that cannot be read fails the scrape, as in Alloy
    String authorization =
        settings.authorization().isPresent() ? settings.authorization().get().value() : null;
    Request request =
        client(settings)
            .newRequest(uri)
            .method(HttpMethod.GET)
            .timeout(target.timeout().toNanos(), TimeUnit.NANOSECONDS)
            .headers(
                h -> {
                  h.put(HttpHeader.ACCEPT, settings.accept());
                  h.put(HttpHeader.ACCEPT_ENCODING, settings.compression() ? "gzip" : "identity");
                  h.put(HttpHeader.USER_AGENT, "Alloy/jalloy");
                  h.put(
                      "X-Prometheus-Scrape-Timeout-Seconds",
                      Double.toString(target.timeout().toMillis() / 1000.0));
                  if (authorization != null) {
                    h.put(HttpHeader.AUTHORIZATION, authorization);
                  }
                });
    // The whole body is buffered by Jetty as it arrives, bounded by the limit; the request's
    // timeout covers the body too, so a stalled one fails the exchange at the deadline. Hence no
    // timed wait of our own: on a virtual thread it costs two round trips to the JDK's delay
    // scheduler (set, then cancel) per scrape.
    CompletableFuture<ContentResponse> exchange =
        new CompletableResponseListener(request, bufferLimit(settings)).send();
    ContentResponse response;
    try {
      response = exchange.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException) {
        throw timeout(target);
      }
      if (bufferExceeded(cause)) {
        throw bodyTooLarge(settings);
      }
      throw cause instanceof Exception ex ? ex : e;
    }
    if (response.getStatus() != 200) {
      throw new IOException("server returned HTTP status " + statusText(response.getStatus()));
    }
    byte[] body = response.getContent();
    if ("gzip".equalsIgnoreCase(response.getHeaders().get(HttpHeader.CONTENT_ENCODING))) {
      body = readLimited(new GZIPInputStream(new ByteArrayInputStream(body)), settings);
    } else if (settings.bodySizeLimit() > 0 && body.length > settings.bodySizeLimit()) {
      throw bodyTooLarge(settings);
    }
    String contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
    return new Body(contentType == null ? "" : contentType, body);
  }

  /**
   * How much Jetty may buffer: the body size limit, with room for gzip's framing when the body may
   * come compressed (the limit is on the decompressed body, checked after); else what an array
   * holds.
   */
  private static int bufferLimit(Settings settings) {
    long limit = settings.bodySizeLimit();
    if (limit <= 0) {
      return MAX_BODY;
    }
    if (settings.compression()) {
      limit += limit / 100 + 1024;
    }
    return (int) Math.min(limit, MAX_BODY);
  }

  /** Jetty's way of saying a buffering listener's limit was passed. */
  private static boolean bufferExceeded(Throwable failure) {
    return failure instanceof IllegalArgumentException
        && failure.getMessage() != null
        && failure.getMessage().startsWith("Buffering capacity");
  }

  /**
   * The client for {@code settings}: the shared one without TLS settings, else this component's,
   * built on first use and rebuilt when they change. Loops of the old settings have stopped by then
   * (the component restarts every loop on a settings change), so the old client is idle.
   */
  private HttpClient client(Settings settings) {
    synchronized (lock) {
      if (settings.tls().isEmpty()) {
        stopTlsClient();
        return CLIENT;
      }
      ClientTls wanted = settings.tls().get();
      if (tlsClient == null || !wanted.equals(tls)) {
        stopTlsClient();
        HttpClient c = new HttpClient();
        c.setSslContextFactory(wanted.jettyFactory());
        tlsClient = startClient(c, "scrape-tls");
        tls = wanted;
      }
      return tlsClient;
    }
  }

  private void stopTlsClient() {
    if (tlsClient != null) {
      try {
        tlsClient.stop();
      } catch (Exception e) {
        // Stopping only closes idle connections and threads; nothing to report.
      }
      tlsClient = null;
      tls = null;
    }
  }

  /** Stops this component's TLS client, if any; the shared client lives on. */
  @Override
  public void close() {
    synchronized (lock) {
      stopTlsClient();
    }
  }

  private Optional<HttpHandlerProvider> inProcessHandler(TargetLabels.Target target, URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!target.address().equals(services.memoryAddress()) || !path.startsWith(COMPONENT_PREFIX)) {
      return Optional.empty();
    }
    String rest = path.substring(COMPONENT_PREFIX.length());
    int slash = rest.indexOf('/');
    String id = slash < 0 ? rest : rest.substring(0, slash);
    return services.componentHandler(id);
  }

  private static Body fetchInProcess(
      HttpHandlerProvider handler, URI uri, Settings settings, long deadline) throws Exception {
    String rest = uri.getRawPath().substring(COMPONENT_PREFIX.length());
    int slash = rest.indexOf('/');
    String subPath = slash < 0 ? "/" : rest.substring(slash);
    var request =
        new HttpHandlerProvider.HttpRequest(
            "GET",
            subPath,
            uri.getRawQuery() == null ? "" : uri.getRawQuery(),
            "",
            settings.accept(),
            new byte[0]);
    Future<HttpHandlerProvider.HttpResponse> call = READERS.submit(() -> handler.handle(request));
    HttpHandlerProvider.HttpResponse response;
    try {
      response = call.get(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new IOException("context deadline exceeded");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    if (response.status() != 200) {
      throw new IOException("server returned HTTP status " + statusText(response.status()));
    }
    if (settings.bodySizeLimit() > 0 && response.body().length > settings.bodySizeLimit()) {
      throw bodyTooLarge(settings);
    }
    return new Body(response.contentType(), response.body());
  }

  private static byte[] readLimited(InputStream in, Settings settings) throws IOException {
    long limit = settings.bodySizeLimit();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
      if (limit > 0 && out.size() > limit) {
        throw bodyTooLarge(settings);
      }
    }
    return out.toByteArray();
  }

  /** A body over {@code body_size_limit}; {@code scrape_body_size_bytes} reports it as -1. */
  static final class BodySizeLimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    BodySizeLimitExceeded(long limit) {
      // Prometheus' errBodySizeLimit wording.
      super("body size limit exceeded: exceeded body size limit of " + limit + " bytes");
    }
  }

  private static IOException bodyTooLarge(Settings settings) {
    return new BodySizeLimitExceeded(settings.bodySizeLimit());
  }

  private static IOException timeout(TargetLabels.Target target) {
    return new IOException("Get \"" + target.url() + "\": context deadline exceeded");
  }

  private static long remaining(long deadline) {
    return Math.max(1, deadline - System.nanoTime());
  }

  private static String statusText(int status) {
    return switch (status) {
      case 404 -> "404 Not Found";
      case 500 -> "500 Internal Server Error";
      case 503 -> "503 Service Unavailable";
      default -> Integer.toString(status);
    };
  }
}
