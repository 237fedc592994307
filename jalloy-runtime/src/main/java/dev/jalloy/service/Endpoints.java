package dev.jalloy.service;

import dev.jalloy.component.Health;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.runtime.ComponentInfo;
import dev.jalloy.runtime.RuntimeView;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the HTTP service, one blocking handler run on a virtual thread per request. Texts
 * and status codes are Alloy's ({@code internal/service/http}, {@code internal/web/api}), since
 * scripts and probes match on them.
 */
final class Endpoints extends Handler.Abstract {
  private static final Logger logger = LoggerFactory.getLogger(Endpoints.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JSON = "application/json";
  private static final String NOT_FOUND = "404 page not found\n";
  private static final String COMPONENT_PREFIX = "/api/v0/component/";
  static final String DELIMITER = "|;|";
  private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

  private final HttpService service;
  private final String uiPrefix; // always ends with '/'
  private final StaticFiles files;

  Endpoints(HttpService service, String uiPrefix) {
    this.service = service;
    this.uiPrefix = uiPrefix;
    this.files = new StaticFiles(Endpoints.class.getClassLoader());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    BasicAuth auth = service.auth();
    if (auth.protects(path) && !auth.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"Restricted\"");
      text(response, callback, HttpStatus.UNAUTHORIZED_401, "unauthorized\n");
      return true;
    }
    switch (path) {
      case "/metrics" -> metrics(request, response, callback);
      case "/-/ready" -> ready(response, callback);
      case "/-/healthy" -> healthy(response, callback);
      case "/-/reload" -> reload(request, response, callback);
      default -> {
        if (path.startsWith(COMPONENT_PREFIX)) {
          component(request, response, callback, path.substring(COMPONENT_PREFIX.length()));
        } else if (path.startsWith(uiPrefix + "api/v0/web/")) {
          web(request, response, callback, path.substring(uiPrefix.length() + 11));
        } else if (uiPrefix.length() > 1
            && path.equals(uiPrefix.substring(0, uiPrefix.length() - 1))) {
          Response.sendRedirect(request, response, callback, HttpStatus.FOUND_302, uiPrefix, true);
        } else if (path.startsWith(uiPrefix)) {
          ui(request, response, callback, path.substring(uiPrefix.length()));
        } else {
          text(response, callback, HttpStatus.NOT_FOUND_404, NOT_FOUND);
        }
      }
    }
    return true;
  }

  // ---- /-/ endpoints ------------------------------------------------------------------------

  private void ready(Response response, Callback callback) {
    if (service.runtime().map(RuntimeView::ready).orElse(false)) {
      text(response, callback, HttpStatus.OK_200, "Alloy is ready.\n");
    } else {
      text(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "Alloy is not ready.\n");
    }
  }

  private void healthy(Response response, Callback callback) {
    List<String> unhealthy = new ArrayList<>();
    for (ComponentInfo c : service.runtime().map(RuntimeView::components).orElse(List.of())) {
      if (c.health().state() == Health.State.UNHEALTHY) {
        unhealthy.add(c.name());
      }
    }
    if (unhealthy.isEmpty()) {
      text(response, callback, HttpStatus.OK_200, "All Alloy components are healthy.\n");
    } else {
      text(
          response,
          callback,
          HttpStatus.INTERNAL_SERVER_ERROR_500,
          "unhealthy components: " + String.join(", ", unhealthy) + "\n");
    }
  }

  private void reload(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("POST")) {
      text(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "");
      return;
    }
    Optional<RuntimeView> runtime = service.runtime();
    if (runtime.isEmpty()) {
      text(
          response,
          callback,
          HttpStatus.BAD_REQUEST_400,
          "the configuration has not been loaded yet\n");
      return;
    }
    logger.info("reload requested via /-/reload endpoint");
    RuntimeView.ReloadResult result = runtime.get().reload();
    if (result.ok()) {
      logger.info("config reloaded");
      text(response, callback, HttpStatus.OK_200, "config reloaded\n");
    } else {
      logger.atError().addKeyValue("err", result.message()).log("failed to reload config");
      text(response, callback, HttpStatus.BAD_REQUEST_400, result.message() + "\n");
    }
  }

  // ---- /metrics ----------------------------------------------------------------------------

  private void metrics(Request request, Response response, Callback callback) throws IOException {
    Predicate<String> includedNames =
        MetricNames.fromQuery(Request.extractQueryParameters(request));
    boolean gzip = acceptsGzip(request);
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MetricsExposition.CONTENT_TYPE);
    if (gzip) {
      response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
    }
    try {
      OutputStream out = Content.Sink.asOutputStream(response);
      if (gzip) {
        out = new GZIPOutputStream(out, 8192);
      }
      try (Writer w =
          new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 32 * 1024)) {
        service.writeMetrics(w, includedNames);
      }
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
    }
  }

  private static boolean acceptsGzip(Request request) {
    String ae = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
    return ae != null && ae.contains("gzip");
  }

  // ---- /api/v0/component/<id>/... ----------------------------------------------------------

  private void component(Request request, Response response, Callback callback, String rest)
      throws Exception {
    Optional<RuntimeView> runtime = service.runtime();
    if (runtime.isEmpty()) {
      text(response, callback, HttpStatus.NOT_FOUND_404, "");
      return;
    }
    // Ids of components in modules contain slashes; the shortest prefix naming a component wins.
    String id = null;
    for (int i = rest.indexOf('/'); ; i = rest.indexOf('/', i + 1)) {
      String candidate = i < 0 ? rest : rest.substring(0, i);
      if (!candidate.isEmpty() && runtime.get().hasComponent(candidate)) {
        id = candidate;
        break;
      }
      if (i < 0) {
        break;
      }
    }
    Optional<HttpHandlerProvider> handler =
        id == null ? Optional.empty() : runtime.get().httpHandler(id);
    if (handler.isEmpty()) {
      text(response, callback, HttpStatus.NOT_FOUND_404, "");
      return;
    }
    String sub = rest.substring(id.length());
    String query = request.getHttpURI().getQuery();
    HttpHandlerProvider.HttpRequest forwarded =
        new HttpHandlerProvider.HttpRequest(
            request.getMethod(),
            sub.isEmpty() ? "/" : sub,
            query == null ? "" : query,
            header(request, HttpHeader.CONTENT_TYPE),
            header(request, HttpHeader.ACCEPT),
            Content.Source.asInputStream(request).readAllBytes());
    HttpHandlerProvider.HttpResponse answer = handler.get().handle(forwarded);
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }

  private static String header(Request request, HttpHeader name) {
    String v = request.getHeaders().get(name);
    return v == null ? "" : v;
  }

  // ---- /api/v0/web/... ---------------------------------------------------------------------

  private void web(Request request, Response response, Callback callback, String rest)
      throws IOException {
    Optional<RuntimeView> runtime = service.runtime();
    if (rest.equals("components")) {
      List<ComponentInfo> all = runtime.map(RuntimeView::components).orElse(List.of());
      json(response, callback, AlloyJson.componentList(all));
    } else if (rest.startsWith("components/") && rest.length() > 11) {
      Optional<ComponentInfo> c = runtime.flatMap(r -> r.component(rest.substring(11)));
      if (c.isPresent()) {
        json(response, callback, AlloyJson.componentDetail(c.get()));
      } else {
        text(response, callback, HttpStatus.NOT_FOUND_404, NOT_FOUND);
      }
    } else if (rest.startsWith("debug/") && rest.length() > 6) {
      liveDebugging(request, response, callback, rest.substring(6));
    } else {
      text(response, callback, HttpStatus.NOT_FOUND_404, NOT_FOUND);
    }
  }

  private void liveDebugging(Request request, Response response, Callback callback, String id)
      throws IOException {
    Fields query = Request.extractQueryParameters(request);
    double sampleProb = 1.0;
    String param = query.getValue("sampleProb");
    if (param != null && !param.isEmpty()) {
      try {
        sampleProb = Double.parseDouble(param);
      } catch (NumberFormatException e) {
        sampleProb = Double.NaN;
      }
      if (!(sampleProb >= 0 && sampleProb <= 1)) {
        text(response, callback, HttpStatus.BAD_REQUEST_400, "Invalid sample probability\n");
        return;
      }
    }
    LiveDebuggingService live = service.liveDebugging();
    if (!live.enabled()) {
      text(
          response,
          callback,
          HttpStatus.INTERNAL_SERVER_ERROR_500,
          LiveDebuggingService.DISABLED_MESSAGE + "\n");
      return;
    }
    Optional<ComponentInfo> info = service.runtime().flatMap(r -> r.component(id));
    if (info.isEmpty()) {
      text(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "component not found\n");
      return;
    }
    if (!info.get().liveDebuggingEnabled()) {
      text(
          response,
          callback,
          HttpStatus.INTERNAL_SERVER_ERROR_500,
          "the component \"" + info.get().name() + "\" does not support live debugging\n");
      return;
    }
    LiveDebuggingService.Stream stream;
    try {
      stream = live.open(id, sampleProb);
    } catch (IllegalStateException e) {
      text(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, e.getMessage() + "\n");
      return;
    }
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
    byte[] delimiter = DELIMITER.getBytes(StandardCharsets.UTF_8);
    try (stream;
        OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 8192)) {
      out.flush(); // commit the headers so the reader knows the stream is open
      long nextFlush = System.nanoTime() + FLUSH_INTERVAL.toNanos();
      while (service.running()) {
        long wait = nextFlush - System.nanoTime();
        if (wait <= 0) {
          out.flush();
          nextFlush += FLUSH_INTERVAL.toNanos();
          continue;
        }
        Optional<String> message = stream.poll(Duration.ofNanos(wait));
        if (message.isPresent()) {
          out.write(message.get().getBytes(StandardCharsets.UTF_8));
          out.write(delimiter);
        }
      }
      callback.succeeded();
    } catch (IOException e) {
      // The reader went away; nothing to report beyond ending the exchange.
      callback.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callback.failed(e);
    }
  }

  // ---- UI ----------------------------------------------------------------------------------

  private void ui(Request request, Response response, Callback callback, String relative)
      throws IOException {
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      text(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "");
      return;
    }
    Optional<StaticFiles.File> file = files.lookup(relative);
    if (file.isEmpty()) {
      text(response, callback, HttpStatus.NOT_FOUND_404, NOT_FOUND);
      return;
    }
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, file.get().contentType());
    response.write(true, ByteBuffer.wrap(file.get().body()), callback);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static void json(Response response, Callback callback, byte[] body) {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static void text(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
