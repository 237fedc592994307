package dev.jalloy.component.prometheus.receive.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jalloy.component.Component;
import dev.jalloy.component.Health;
import dev.jalloy.component.HealthReporter;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.prometheus.remotewrite.wire.MalformedRequestException;
import dev.jalloy.component.prometheus.remotewrite.wire.MetricMetadata;
import dev.jalloy.component.prometheus.remotewrite.wire.Sample;
import dev.jalloy.component.prometheus.remotewrite.wire.TimeSeries;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequest;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestDecoder;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Fanout;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import dev.jalloy.model.MetricsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;

/**
 * {@code prometheus.receive_http}: serves {@code POST /api/v1/metrics/write}, a Prometheus
 * remote-write 1.0 endpoint, and appends every received sample to {@code forward_to}.
 *
 * <pre>
 * prometheus.receive_http "api" {
 *   http {
 *     listen_address = "0.0.0.0"
 *     listen_port    = 9999
 *   }
 *   forward_to = [prometheus.remote_write.local.receiver]
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/prometheus/receive_http/receive_http.go}. The
 * endpoint is served on the component's own listener, bound while {@code run} runs and rebound when
 * the {@code http} block changes, and also under {@code /api/v0/component/<id>/} on the main
 * server. One request is one transaction: all of it reaches {@code forward_to}, or none of it. A
 * body that does not decode is a 400 (the sender drops it); a failing receiver is a 500 (the sender
 * retries). Metadata is forwarded only with {@code append_metadata = true}, as in Alloy.
 *
 * <p>Not supported yet: the {@code tls} block, {@code conn_limit} (accepted, not enforced) and
 * remote write 2.0 bodies.
 */
public final class PrometheusReceiveHttp
    implements Component<PrometheusReceiveHttp.Arguments>, HttpHandlerProvider, HealthReporter {
  /** How {@code prometheus.receive_http} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.withoutExports(
          "prometheus.receive_http",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          PrometheusReceiveHttp::new);

  /** The remote-write path, on the own listener and below the component's prefix. */
  public static final String WRITE_PATH = "/api/v1/metrics/write";

  private static final String ROUTE = "api_v1_metrics_write";

  /**
   * The arguments.
   *
   * @param forwardTo where received samples go
   * @param http the listener
   * @param appendMetadata whether metric metadata is forwarded too
   */
  public record Arguments(
      @Attr("forward_to") List<MetricsReceiver> forwardTo,
      @Block(value = "http", optional = true) ServerHttp http,
      @Attr(value = "append_metadata", optional = true) boolean appendMetadata) {

    public Arguments {
      forwardTo = List.copyOf(forwardTo);
    }

    /** No receivers, the default listener, no metadata. */
    public static Arguments defaults() {
      return new Arguments(List.of(), ServerHttp.defaults(), false);
    }
  }

  /**
   * The {@code http} block, Alloy's shared {@code loki-server-http} options.
   *
   * @param listenAddress the address to bind; empty means every interface
   * @param listenPort the port
   * @param connLimit maximum simultaneous connections, 0 for none (not enforced yet)
   * @param readTimeout {@code server_read_timeout}
   * @param writeTimeout {@code server_write_timeout}
   * @param idleTimeout {@code server_idle_timeout}
   */
  public record ServerHttp(
      @Attr(value = "listen_address", optional = true) String listenAddress,
      @Attr(value = "listen_port", optional = true) int listenPort,
      @Attr(value = "conn_limit", optional = true) int connLimit,
      @Attr(value = "server_read_timeout", optional = true) Duration readTimeout,
      @Attr(value = "server_write_timeout", optional = true) Duration writeTimeout,
      @Attr(value = "server_idle_timeout", optional = true) Duration idleTimeout) {

    /** Alloy's defaults: every interface, port 8080. */
    public static ServerHttp defaults() {
      return new ServerHttp(
          "", 8080, 0, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    InetSocketAddress socketAddress() {
      return listenAddress.isEmpty()
          ? new InetSocketAddress(listenPort)
          : new InetSocketAddress(listenAddress, listenPort);
    }
  }

  /** What the handler needs from the arguments, swapped as one. */
  private record Target(Fanout fanout, boolean appendMetadata) {}

  private final Options options;
  private final Logger logger;
  private final Histogram requestDuration;
  private final Counter forwardedSamples;
  private final Object lock = new Object();
  private ServerHttp http; // guarded by lock
  private HttpServer server; // guarded by lock; non-null while run binds it
  private ExecutorService executor; // guarded by lock
  private boolean running; // guarded by lock
  private volatile Target target;
  private volatile Health health;

  PrometheusReceiveHttp(Options options, Arguments arguments) {
    this.options = options;
    this.logger = options.logger();
    this.health = Health.unknown(options.clock().instant());
    this.requestDuration =
        Histogram.builder()
            .name("prometheus_receive_http_request_duration_seconds")
            .help("Time (in seconds) spent serving HTTP requests.")
            .labelNames("method", "route", "status_code", "ws")
            .classicOnly()
            .register(options.registry());
    this.forwardedSamples =
        Counter.builder()
            .name("prometheus_forwarded_samples_total")
            .help("Total number of samples sent to downstream components.")
            .register(options.registry());
    this.http = arguments.http();
    this.target = new Target(new Fanout(arguments.forwardTo()), arguments.appendMetadata());
  }

  @Override
  public void run(RunContext context) throws Exception {
    synchronized (lock) {
      running = true;
      bind();
    }
    try {
      context.awaitCancellation();
    } finally {
      synchronized (lock) {
        running = false;
        unbind();
      }
    }
  }

  /** Takes the new receivers at once; rebinds the listener when the {@code http} block changed. */
  @Override
  public void update(Arguments arguments) throws IOException {
    target = new Target(new Fanout(arguments.forwardTo()), arguments.appendMetadata());
    synchronized (lock) {
      if (arguments.http().equals(http)) {
        return;
      }
      http = arguments.http();
      if (running) {
        unbind();
        bind();
      }
    }
  }

  @Override
  public Health currentHealth() {
    return health;
  }

  private void bind() throws IOException {
    InetSocketAddress address = http.socketAddress();
    HttpServer s;
    try {
      s = HttpServer.create(address, 0);
    } catch (IOException e) {
      health =
          Health.unhealthy(
              "failed to listen on " + address + ": " + e.getMessage(), options.clock().instant());
      throw e;
    }
    executor = Executors.newVirtualThreadPerTaskExecutor();
    s.setExecutor(executor);
    s.createContext("/", this::serve);
    s.start();
    server = s;
    logger.atInfo().addKeyValue("addr", s.getAddress()).log("server listening");
    health = Health.healthy("listening on " + s.getAddress(), options.clock().instant());
  }

  private void unbind() {
    if (server != null) {
      server.stop(0);
      executor.close();
      server = null;
      executor = null;
    }
  }

  /** The address the own listener is bound to, while bound. */
  public java.util.Optional<InetSocketAddress> boundAddress() {
    synchronized (lock) {
      return server == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(server.getAddress());
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpResponse response;
      String path = exchange.getRequestURI().getPath();
      if (!path.equals(WRITE_PATH)) {
        response = HttpResponse.text(404, "404 page not found\n");
      } else {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        response = write(exchange.getRequestMethod(), body);
      }
      byte[] out = response.body();
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.path().equals(WRITE_PATH)) {
      return HttpResponse.text(404, "404 page not found\n");
    }
    return write(request.method(), request.body());
  }

  /** Decodes and forwards one remote-write body. */
  private HttpResponse write(String method, byte[] body) {
    long start = System.nanoTime();
    HttpResponse response = doWrite(method, body);
    requestDuration
        .labelValues(
            method.toLowerCase(Locale.ROOT), ROUTE, Integer.toString(response.status()), "false")
        .observe((System.nanoTime() - start) / 1e9);
    return response;
  }

  private HttpResponse doWrite(String method, byte[] body) {
    if (!method.equals("POST")) {
      return HttpResponse.text(405, "method not allowed\n");
    }
    WriteRequest request;
    try {
      // The decoder keeps a buffer and is not thread-safe; requests are concurrent.
      request = new WriteRequestDecoder().decode(body);
    } catch (MalformedRequestException e) {
      logger.atDebug().addKeyValue("err", e.getMessage()).log("malformed remote write request");
      return HttpResponse.text(400, e.getMessage() + "\n");
    }
    Target t = target;
    Appender appender;
    try {
      appender = t.fanout().appender();
    } catch (RuntimeException e) {
      return failed(e);
    }
    int samples = 0;
    try {
      for (TimeSeries series : request.timeseries()) {
        Labels labels = series.labels();
        for (Sample s : series.samples()) {
          appender.append(0, labels, s.timestamp(), s.value());
          samples++;
        }
        for (var e : series.exemplars()) {
          appender.appendExemplar(0, labels, new Exemplar(e.labels(), e.timestamp(), e.value()));
        }
      }
      if (t.appendMetadata()) {
        for (MetricMetadata m : request.metadata()) {
          appender.updateMetadata(
              Labels.of("__name__", m.familyName()),
              new Metadata(m.type().name().toLowerCase(Locale.ROOT), m.help(), m.unit()));
        }
      }
      appender.commit();
    } catch (RuntimeException e) {
      try {
        appender.rollback();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      return failed(e);
    }
    forwardedSamples.inc(samples);
    return new HttpResponse(204, "text/plain; charset=utf-8", new byte[0]);
  }

  private HttpResponse failed(RuntimeException e) {
    logger.atWarn().addKeyValue("err", e.toString()).log("failed to forward remote write request");
    return new HttpResponse(
        500,
        "text/plain; charset=utf-8",
        (String.valueOf(e.getMessage()) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
