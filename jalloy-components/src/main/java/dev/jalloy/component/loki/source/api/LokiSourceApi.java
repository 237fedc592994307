package dev.jalloy.component.loki.source.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jalloy.component.Component;
import dev.jalloy.component.Health;
import dev.jalloy.component.HealthReporter;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogsFanout;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.go.ByteSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;

/**
 * {@code loki.source.api}: receives log entries over the Loki push API (spec 5.19) and forwards
 * them.
 *
 * <pre>
 * loki.source.api "loki_push_api" {
 *   http {
 *     listen_address = "0.0.0.0"
 *     listen_port    = 9999
 *   }
 *   forward_to = [loki.write.local.receiver]
 *   labels     = { forwarded = "true" }
 * }
 * </pre>
 *
 * <p>As in Alloy, the component runs its own HTTP server on the {@code http} block's address, bound
 * while {@code run} runs and rebound when the block changes. Routes: {@code POST /loki/api/v1/push}
 * (and {@code /api/v1/push}) taking snappy protobuf or JSON (optionally gzip or deflate), {@code
 * POST /loki/api/v1/raw} (and {@code /api/v1/raw}), {@code GET /ready}. Answers 204 only after
 * {@code forward_to} accepted the entries (see {@link PushHandler}).
 *
 * <p>Not supported yet: the {@code grpc} server (the block is accepted, nothing listens), {@code
 * tls}, {@code conn_limit}, {@code graceful_shutdown_timeout} (in-flight requests are cut at stop).
 */
public final class LokiSourceApi implements Component<LokiSourceApi.Arguments>, HealthReporter {
  /** How {@code loki.source.api} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.withoutExports(
          "loki.source.api", Stability.GENERALLY_AVAILABLE, Arguments.class, LokiSourceApi::new);

  /**
   * The arguments.
   *
   * @param forwardTo where entries go
   * @param http the listener
   * @param grpc Alloy's gRPC listener; accepted, not served
   * @param labels added to every stream, replacing incoming labels of the same name
   * @param relabelRules applied to every stream's labels
   * @param useIncomingTimestamp keep the client's timestamps instead of the time of receipt
   * @param maxSendMessageSize the largest decoded body accepted
   * @param gracefulShutdownTimeout accepted; in-flight requests are not awaited yet
   */
  public record Arguments(
      @Attr("forward_to") List<LogsReceiver> forwardTo,
      @Block(value = "http", optional = true) ServerHttp http,
      @Block(value = "grpc", optional = true) ServerGrpc grpc,
      @Attr(value = "labels", optional = true) Map<String, String> labels,
      @Attr(value = "relabel_rules", optional = true) RelabelRules relabelRules,
      @Attr(value = "use_incoming_timestamp", optional = true) boolean useIncomingTimestamp,
      @Attr(value = "max_send_message_size", optional = true) ByteSize maxSendMessageSize,
      @Attr(value = "graceful_shutdown_timeout", optional = true)
          Duration gracefulShutdownTimeout) {
    /** Copies the collections. */
    public Arguments {
      forwardTo = List.copyOf(forwardTo);
      labels = Map.copyOf(labels);
    }

    /** Alloy's defaults. */
    public static Arguments defaults() {
      return new Arguments(
          List.of(),
          ServerHttp.defaults(),
          ServerGrpc.defaults(),
          Map.of(),
          new RelabelRules(List.of()),
          false,
          new ByteSize(100L << 20),
          Duration.ofSeconds(30));
    }
  }

  /** The {@code http} block (Alloy's shared server options). */
  public record ServerHttp(
      @Attr(value = "listen_address", optional = true) String listenAddress,
      @Attr(value = "listen_port", optional = true) int listenPort,
      @Attr(value = "conn_limit", optional = true) int connLimit,
      @Attr(value = "server_read_timeout", optional = true) Duration readTimeout,
      @Attr(value = "server_write_timeout", optional = true) Duration writeTimeout,
      @Attr(value = "server_idle_timeout", optional = true) Duration idleTimeout) {
    /** Every interface, port 8080. */
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

  /** The {@code grpc} block: accepted so Alloy configurations load; nothing listens. */
  public record ServerGrpc(
      @Attr(value = "listen_address", optional = true) String listenAddress,
      @Attr(value = "listen_port", optional = true) int listenPort,
      @Attr(value = "conn_limit", optional = true) int connLimit,
      @Attr(value = "max_connection_age", optional = true) Duration maxConnectionAge,
      @Attr(value = "max_connection_age_grace", optional = true) Duration maxConnectionAgeGrace,
      @Attr(value = "max_connection_idle", optional = true) Duration maxConnectionIdle,
      @Attr(value = "server_max_recv_msg_size", optional = true) int serverMaxRecvMsgSize,
      @Attr(value = "server_max_send_msg_size", optional = true) int serverMaxSendMsgSize,
      @Attr(value = "server_max_concurrent_streams", optional = true)
          int serverMaxConcurrentStreams) {
    /** Alloy's defaults (port 0: a random one). */
    public static ServerGrpc defaults() {
      return new ServerGrpc(
          "", 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 4 << 20, 4 << 20, 100);
    }
  }

  private final Options options;
  private final Logger logger;
  private final LokiSourceApiMetrics metrics;
  private final PushHandler handler;
  private final Object lock = new Object();
  private ServerHttp http; // guarded by lock
  private HttpServer server; // guarded by lock
  private ExecutorService executor; // guarded by lock
  private boolean running; // guarded by lock
  private volatile PushHandler.Target target;
  private volatile Health health;

  LokiSourceApi(Options options, Arguments arguments) {
    this.options = options;
    this.logger = options.logger();
    this.metrics = new LokiSourceApiMetrics(options.registry());
    this.handler = new PushHandler(options.clock(), metrics);
    this.health = Health.unknown(options.clock().instant());
    this.http = arguments.http();
    this.target = target(arguments);
  }

  private static PushHandler.Target target(Arguments a) {
    long max = Math.min(a.maxSendMessageSize().bytes(), Integer.MAX_VALUE - 8);
    return new PushHandler.Target(
        new LogsFanout(a.forwardTo()),
        Labels.of(a.labels()),
        a.relabelRules().rules(),
        a.useIncomingTimestamp(),
        (int) Math.max(1, max));
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

  @Override
  public void update(Arguments arguments) throws IOException {
    target = target(arguments);
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

  /** The address the listener is bound to, while bound. */
  public Optional<InetSocketAddress> boundAddress() {
    synchronized (lock) {
      return server == null ? Optional.empty() : Optional.of(server.getAddress());
    }
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

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      long start = System.nanoTime();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String route = route(path);
      var inflight = metrics.inflightRequests.labelValues(method.toLowerCase(Locale.ROOT), route);
      inflight.inc();
      PushHandler.Response response;
      try {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        var h = exchange.getRequestHeaders();
        response =
            handler.handle(
                new PushHandler.Request(
                    method,
                    path,
                    orEmpty(h.getFirst("Content-Type")),
                    orEmpty(h.getFirst("Content-Encoding")),
                    orEmpty(h.getFirst("X-Scope-OrgID")),
                    body),
                target);
      } finally {
        inflight.dec();
      }
      if (response.status() == 400) {
        logger.atDebug().addKeyValue("err", response.body().strip()).log("malformed push");
      } else if (response.status() == 500) {
        logger.atWarn().addKeyValue("err", response.body().strip()).log("push not forwarded");
      }
      byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
      metrics
          .requestDuration
          .labelValues(
              method.toLowerCase(Locale.ROOT), route, Integer.toString(response.status()), "false")
          .observe((System.nanoTime() - start) / 1e9);
    }
  }

  /** Alloy's route label: the path without its leading slash, slashes as underscores. */
  private static String route(String path) {
    return switch (path) {
      case "/loki/api/v1/push", "/api/v1/push", "/loki/api/v1/raw", "/api/v1/raw", "/ready" ->
          path.substring(1).replace('/', '_');
      default -> "other";
    };
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
