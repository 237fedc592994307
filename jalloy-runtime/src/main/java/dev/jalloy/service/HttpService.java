package dev.jalloy.service;

import dev.jalloy.runtime.RuntimeView;
import dev.jalloy.runtime.ServiceBlock;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server on {@code --server.http.listen-addr}: {@code /metrics}, {@code /-/ready}, {@code
 * /-/healthy}, {@code /-/reload}, the UI and its API, live debugging streams and the components'
 * own HTTP handlers, over HTTP/1.1 and h2c, or HTTPS when the {@code http} block has a {@code tls}
 * block.
 *
 * <p>Wiring, in the order {@code jalloy run} does it:
 *
 * <pre>{@code
 * PrometheusRegistry controllerRegistry = new PrometheusRegistry();
 * HttpService http = HttpService.builder()
 *     .listenAddress(flags.listenAddr())          // "127.0.0.1:12345" by default
 *     .uiPathPrefix(flags.uiPathPrefix())         // "/" by default
 *     .controllerRegistry(controllerRegistry)
 *     .version(version)
 *     .build();
 * http.start();                                   // before the load: /metrics works during it
 * // controller: service blocks http.serviceBlock() and http.liveDebugging().serviceBlock(),
 * // Services.liveDebugging() = http.liveDebugging(), ControllerMetrics.register(controllerRegistry, ...)
 * http.attach(controller);                        // the RuntimeView
 * ...
 * http.close();
 * }</pre>
 *
 * Requests run on virtual threads; the platform pool only selects and accepts.
 */
public final class HttpService implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(HttpService.class);
  static final String LISTEN_FLAG = "--server.http.listen-addr";

  private final String listenAddress;
  private final String host;
  private final int requestedPort;
  private final String uiPrefix;
  private final PrometheusRegistry registry;
  private final Optional<PrometheusRegistry> controllerRegistry;
  private final LiveDebuggingService liveDebugging;
  private final Counter droppedFamilies;
  private final SwitchingConnectionFactory switching = new SwitchingConnectionFactory();

  private volatile Optional<RuntimeView> runtime = Optional.empty();
  private volatile BasicAuth auth = BasicAuth.NONE;
  private volatile boolean running;
  private Server server;
  private ServerConnector connector;

  private HttpService(Builder b) {
    this.listenAddress = b.listenAddress;
    int colon = b.listenAddress.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "invalid " + LISTEN_FLAG + " \"" + b.listenAddress + "\": missing port");
    }
    String h = b.listenAddress.substring(0, colon);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    this.host = h;
    try {
      this.requestedPort = Integer.parseInt(b.listenAddress.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid " + LISTEN_FLAG + " \"" + b.listenAddress + "\": bad port", e);
    }
    if (requestedPort < 0 || requestedPort > 65535) {
      throw new IllegalArgumentException(
          "invalid " + LISTEN_FLAG + " \"" + b.listenAddress + "\": port out of range");
    }
    this.uiPrefix = b.uiPathPrefix.endsWith("/") ? b.uiPathPrefix : b.uiPathPrefix + "/";
    this.registry = new PrometheusRegistry();
    this.controllerRegistry = b.controllerRegistry;
    JvmMetrics.builder().register(registry);
    ControllerMetrics.registerBuildInfo(registry, b.version);
    this.liveDebugging = new LiveDebuggingService(registry);
    this.droppedFamilies =
        Counter.builder()
            .name("jalloy_metrics_families_dropped_total")
            .help(
                "Metric families left out of /metrics because a family of the same name and"
                    + " another type came first.")
            .register(registry);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options fixed for the process's lifetime; the {@code http} block changes the rest. */
  public static final class Builder {
    private String listenAddress = "127.0.0.1:12345";
    private String uiPathPrefix = "/";
    private Optional<PrometheusRegistry> controllerRegistry = Optional.empty();
    private String version = "v0.0.0";

    private Builder() {}

    /** {@code host:port}; an empty host listens on every interface, port 0 on a free port. */
    public Builder listenAddress(String listenAddress) {
      this.listenAddress = listenAddress;
      return this;
    }

    /** {@code --server.http.ui-path-prefix}: where the UI and {@code api/v0/web/} live. */
    public Builder uiPathPrefix(String uiPathPrefix) {
      if (!uiPathPrefix.startsWith("/")) {
        throw new IllegalArgumentException("the UI path prefix must start with /");
      }
      this.uiPathPrefix = uiPathPrefix;
      return this;
    }

    /** The controller's registry ({@link ControllerMetrics}), exposed without extra labels. */
    public Builder controllerRegistry(PrometheusRegistry registry) {
      this.controllerRegistry = Optional.of(registry);
      return this;
    }

    /** The version shown by {@code alloy_build_info}. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public HttpService build() {
      return new HttpService(this);
    }
  }

  /**
   * Starts listening. Call before the configuration loads.
   *
   * @throws BindException when the address cannot be bound; the message is one line naming the
   *     address and the flag, ready for the CLI to print
   */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    QueuedThreadPool pool = new QueuedThreadPool(16, 2);
    pool.setName("jalloy-http");
    pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server s = new Server(pool);

    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    // The certificate rarely names 127.0.0.1 or the pod IP; Go does not check SNI either.
    config.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector c =
        new ServerConnector(
            s,
            1,
            1,
            switching,
            new HttpConnectionFactory(config),
            new HTTP2CServerConnectionFactory(config));
    c.setHost(host.isEmpty() ? null : host);
    c.setPort(requestedPort);
    s.addConnector(c);
    s.setHandler(new Endpoints(this, uiPrefix));
    // No graceful wait: keep-alive connections and live-debugging streams would hold shutdown
    // for the whole timeout, and Alloy also shuts its server down with an expired context.
    s.setStopTimeout(0);
    running = true;
    try {
      s.start();
    } catch (Exception e) {
      running = false;
      try {
        s.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw bindFailure(e);
    }
    server = s;
    connector = c;
    logger.atInfo().addKeyValue("addr", listenAddress).log("now listening for http traffic");
  }

  private IOException bindFailure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException b) {
        String reason = Optional.ofNullable(b.getMessage()).orElse("cannot bind");
        reason = reason.replaceFirst(" \\(Bind failed\\)$", "").toLowerCase(Locale.ROOT);
        BindException out =
            new BindException(
                "cannot listen on "
                    + listenAddress
                    + ": "
                    + reason
                    + "; choose another with "
                    + LISTEN_FLAG);
        out.initCause(e);
        return out;
      }
    }
    return new IOException(
        "cannot start the HTTP server on " + listenAddress + ": " + e.getMessage(), e);
  }

  /**
   * Writes everything {@code /metrics} serves, in the Prometheus text format: the process and JVM
   * metrics, the controller's, and every component's labelled with {@code component_id}. {@code
   * prometheus.exporter.self} serves the same through {@link
   * dev.jalloy.component.Services#writeSelfMetrics}.
   */
  public void writeMetrics(java.io.Writer out) throws IOException {
    writeMetrics(out, name -> true);
  }

  /**
   * Writes the families whose names {@code includedNames} accepts (the name without the {@code
   * _total} or {@code _info} the exposition adds); the others are not even collected.
   */
  public void writeMetrics(java.io.Writer out, Predicate<String> includedNames) throws IOException {
    List<MetricsExposition.Source> sources = new ArrayList<>();
    sources.add(new MetricsExposition.Source(registry.scrape(includedNames), ""));
    controllerRegistry.ifPresent(
        r -> sources.add(new MetricsExposition.Source(r.scrape(includedNames), "")));
    Optional<RuntimeView> view = runtime;
    if (view.isPresent()) {
      for (Map.Entry<String, PrometheusRegistry> e : view.get().componentRegistries().entrySet()) {
        sources.add(new MetricsExposition.Source(e.getValue().scrape(includedNames), e.getKey()));
      }
    }
    countDroppedFamilies(MetricsExposition.write(sources, out));
  }

  /** Connects the running configuration; until then the service reports "not ready". */
  public void attach(RuntimeView view) {
    runtime = Optional.of(view);
  }

  /** The {@code http} block, for the controller to decode and apply on every load. */
  public ServiceBlock<HttpArguments> serviceBlock() {
    return new ServiceBlock<>("http", HttpArguments.class, HttpArguments.defaults(), this::apply);
  }

  /**
   * Applies an {@code http} block: new connections use the new TLS settings and every request the
   * new authentication.
   *
   * @throws IllegalArgumentException when the TLS settings cannot be used
   */
  public void apply(HttpArguments arguments) {
    Optional<SslConnectionFactory> tls = Optional.empty();
    if (arguments.tls().isPresent()) {
      SslConnectionFactory f =
          new SslConnectionFactory(
              TlsSettings.factory(arguments.tls().get()), HttpVersion.HTTP_1_1.asString());
      try {
        f.start();
      } catch (Exception e) {
        throw new IllegalArgumentException("cannot use the tls block: " + e.getMessage(), e);
      }
      tls = Optional.of(f);
    }
    auth = BasicAuth.of(arguments.auth());
    boolean had = switching.tlsEnabled();
    // The previous factory is not stopped: connections accepted with it still use its context.
    switching.swap(tls);
    if (had != tls.isPresent()) {
      logger.info(
          tls.isPresent()
              ? "applying TLS config to HTTP server"
              : "applying non-TLS config to HTTP server");
    }
  }

  /** The live debugging service; it is also the {@code LiveDebugging} components publish to. */
  public LiveDebuggingService liveDebugging() {
    return liveDebugging;
  }

  /** The process registry: JVM and process metrics, build info and the service's own. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** The port listened on; useful with port 0. */
  public int port() {
    ServerConnector c = connector;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    return c.getLocalPort();
  }

  /** The {@code --server.http.listen-addr} value. */
  public String listenAddress() {
    return listenAddress;
  }

  @Override
  public synchronized void close() {
    running = false;
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        logger.atWarn().addKeyValue("err", e.toString()).log("stopping the http server failed");
      }
      server = null;
    }
  }

  Optional<RuntimeView> runtime() {
    return runtime;
  }

  BasicAuth auth() {
    return auth;
  }

  Optional<PrometheusRegistry> controllerRegistry() {
    return controllerRegistry;
  }

  boolean running() {
    return running;
  }

  void countDroppedFamilies(int n) {
    if (n > 0) {
      droppedFamilies.inc(n);
    }
  }
}
