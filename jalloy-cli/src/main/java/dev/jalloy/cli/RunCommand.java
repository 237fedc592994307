package dev.jalloy.cli;

import dev.jalloy.runtime.Controller;
import dev.jalloy.runtime.LoadResult;
import dev.jalloy.runtime.RuntimeView;
import dev.jalloy.service.HttpService;
import dev.jalloy.service.logging.ComponentLoggers;
import dev.jalloy.service.logging.LoggingService;
import dev.jalloy.syntax.go.GoDuration;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jalloy run [flags] <path>}: every flag of {@code alloy run}, so existing command lines and
 * service units keep working. Checks the configuration like {@code validate}, starts the HTTP
 * server, loads the configuration (exit 1 with diagnostics if the initial load fails, as Alloy
 * does) and runs until stopped. Flags marked "not used yet" are accepted and ignored until the
 * piece that reads them exists.
 */
@Command(
    name = "run",
    description = {
      "Run a configuration file or directory.",
      "",
      "Starts the HTTP server (UI, API, /metrics), loads the configuration and runs it until"
          + " SIGINT or SIGTERM; SIGHUP or /-/reload reloads it. Flags marked \"not used yet\""
          + " are accepted for compatibility with alloy run."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class RunCommand implements Callable<Integer> {
  private static final String NOT_USED = " (accepted; not used yet)";

  private final Io io;

  @Parameters(
      index = "0",
      paramLabel = "<path>",
      description = "An Alloy configuration file, or a directory of *.alloy files.")
  Path path;

  @Option(
      names = "--server.http.listen-addr",
      defaultValue = "127.0.0.1:12345",
      paramLabel = "<host:port>",
      description = "Address the HTTP server listens on. Default: ${DEFAULT-VALUE}.")
  String listenAddr;

  @Option(
      names = "--server.http.memory-addr",
      defaultValue = "alloy.internal:12345",
      paramLabel = "<host:port>",
      description =
          "In-memory address exporters publish as their targets. Default: ${DEFAULT-VALUE}.")
  String memoryAddr;

  @Option(
      names = "--server.http.ui-path-prefix",
      defaultValue = "/",
      paramLabel = "<prefix>",
      description = "Path prefix of the UI. Default: ${DEFAULT-VALUE}.")
  String uiPathPrefix;

  @Option(
      names = "--server.http.enable-pprof",
      defaultValue = "true",
      arity = "0..1",
      fallbackValue = "true",
      description = "Serve /debug/pprof. Default: ${DEFAULT-VALUE}." + NOT_USED)
  boolean enablePprof;

  @Option(
      names = "--server.http.disable-support-bundle",
      arity = "0..1",
      fallbackValue = "true",
      description = "Disable /-/support." + NOT_USED)
  boolean disableSupportBundle;

  @Option(
      names = "--server.http.enable-graphql",
      arity = "0..1",
      fallbackValue = "true",
      description = "Serve the experimental /graphql endpoint." + NOT_USED)
  boolean enableGraphql;

  @Option(
      names = "--server.http.enable-graphql-playground",
      arity = "0..1",
      fallbackValue = "true",
      description = "Serve the GraphQL playground." + NOT_USED)
  boolean enableGraphqlPlayground;

  @Option(
      names = "--storage.path",
      defaultValue = "data-alloy/",
      paramLabel = "<dir>",
      description =
          "Base directory for component data (WAL, positions). Default: ${DEFAULT-VALUE}.")
  Path storagePath;

  @Mixin ConfigOptions config;

  @Option(
      names = "--disable-reporting",
      arity = "0..1",
      fallbackValue = "true",
      description = "Disable anonymous usage reporting (jalloy never reports)." + NOT_USED)
  boolean disableReporting;

  @Option(
      names = "--feature.component-shutdown-deadline",
      defaultValue = "10m",
      paramLabel = "<duration>",
      description = "How long components may take to shut down. Default: ${DEFAULT-VALUE}.")
  String componentShutdownDeadline;

  @Option(
      names = "--feature.prometheus.direct-fanout.enabled",
      arity = "0..1",
      fallbackValue = "true",
      description = "Experimental direct fan-out of Prometheus samples." + NOT_USED)
  boolean directFanout;

  @Option(
      names = "--cluster.enabled",
      arity = "0..1",
      fallbackValue = "true",
      description = "Join a cluster of peers." + NOT_USED)
  boolean clusterEnabled;

  @Option(
      names = "--cluster.node-name",
      paramLabel = "<name>",
      description = "Name of this node in the cluster (default: the hostname)." + NOT_USED)
  String clusterNodeName;

  @Option(
      names = "--cluster.advertise-address",
      defaultValue = "",
      paramLabel = "<host:port>",
      description = "Address advertised to peers." + NOT_USED)
  String clusterAdvertiseAddress;

  @Option(
      names = "--cluster.advertise-interfaces",
      defaultValue = "eth0,en0",
      paramLabel = "<list>",
      description =
          "Interfaces to infer the advertise address from. Default: ${DEFAULT-VALUE}." + NOT_USED)
  String clusterAdvertiseInterfaces;

  @Option(
      names = "--cluster.join-addresses",
      defaultValue = "",
      paramLabel = "<list>",
      description = "Comma-separated peers to join." + NOT_USED)
  String clusterJoinAddresses;

  @Option(
      names = "--cluster.discover-peers",
      defaultValue = "",
      paramLabel = "<tuples>",
      description = "go-discover provider tuples to find peers." + NOT_USED)
  String clusterDiscoverPeers;

  @Option(
      names = "--cluster.rejoin-interval",
      defaultValue = "60s",
      paramLabel = "<duration>",
      description = "How often to rejoin peers; 0s disables. Default: ${DEFAULT-VALUE}." + NOT_USED)
  String clusterRejoinInterval;

  @Option(
      names = "--cluster.max-join-peers",
      defaultValue = "5",
      paramLabel = "<n>",
      description =
          "Most peers to join at once; 0 = no limit. Default: ${DEFAULT-VALUE}." + NOT_USED)
  int clusterMaxJoinPeers;

  @Option(
      names = "--cluster.name",
      defaultValue = "",
      paramLabel = "<name>",
      description = "Only peers with the same cluster name may join." + NOT_USED)
  String clusterName;

  @Option(
      names = "--cluster.enable-tls",
      arity = "0..1",
      fallbackValue = "true",
      description = "Use TLS between peers." + NOT_USED)
  boolean clusterEnableTls;

  @Option(
      names = "--cluster.tls-ca-path",
      paramLabel = "<file>",
      description = "CA for peer TLS." + NOT_USED)
  Path clusterTlsCaPath;

  @Option(
      names = "--cluster.tls-cert-path",
      paramLabel = "<file>",
      description = "Certificate for peer TLS." + NOT_USED)
  Path clusterTlsCertPath;

  @Option(
      names = "--cluster.tls-key-path",
      paramLabel = "<file>",
      description = "Key for peer TLS." + NOT_USED)
  Path clusterTlsKeyPath;

  @Option(
      names = "--cluster.tls-server-name",
      paramLabel = "<name>",
      description = "Server name for peer TLS." + NOT_USED)
  String clusterTlsServerName;

  @Option(
      names = "--cluster.wait-for-size",
      defaultValue = "0",
      paramLabel = "<n>",
      description =
          "Minimum cluster size before clustered components take work. Default: ${DEFAULT-VALUE}."
              + NOT_USED)
  int clusterWaitForSize;

  @Option(
      names = "--cluster.wait-timeout",
      defaultValue = "0",
      paramLabel = "<duration>",
      description = "Give up waiting for the cluster size; 0 waits forever." + NOT_USED)
  String clusterWaitTimeout;

  @Option(
      names = "--windows.priority",
      defaultValue = "normal",
      paramLabel = "<priority>",
      description = "Process priority on Windows. Default: ${DEFAULT-VALUE}." + NOT_USED)
  String windowsPriority;

  @Option(
      names = "--cluster.use-discovery-v1",
      arity = "0..1",
      fallbackValue = "true",
      hidden = true,
      description = "Deprecated; no effect.")
  boolean clusterUseDiscoveryV1;

  @Option(
      names = "--feature.prometheus.metric-validation-scheme",
      hidden = true,
      description = "Deprecated; no effect.")
  String metricValidationScheme;

  @Option(
      names = "--exit-after-ready",
      hidden = true,
      description =
          "Stop once the initial load succeeded and the server answered: the training run that"
              + " ./jalloy uses to build Java's AOT cache.")
  boolean exitAfterReady;

  RunCommand(Io io) {
    this.io = io;
  }

  /** Released to stop a running {@code run} (tests; SIGINT and SIGTERM use the shutdown hook). */
  private final CountDownLatch stop = new CountDownLatch(1);

  void stop() {
    stop.countDown();
  }

  @Override
  public Integer call() throws CliException {
    config.check();
    LoggingService logging = LoggingService.global();
    if (!ValidateCommand.check(path, config, io)) {
      return 1;
    }
    Duration shutdownDeadline = parseDuration(componentShutdownDeadline);
    PrometheusRegistry controllerRegistry = new PrometheusRegistry();
    MetricsObserver metrics = new MetricsObserver(controllerRegistry);
    HttpService http =
        HttpService.builder()
            .listenAddress(listenAddr)
            .uiPathPrefix(uiPathPrefix)
            .controllerRegistry(controllerRegistry)
            .version(Main.version())
            .build();
    try {
      http.start(); // before the load, so /metrics answers while the configuration loads
    } catch (IOException e) {
      throw new CliException(e.getMessage());
    }
    RunServices services = new RunServices(memoryAddr, http);
    Controller controller =
        Controller.builder()
            .registry(Builtins.COMPONENTS)
            .storagePath(storagePath)
            .minimumStability(config.stabilityLevel)
            .stdlib(Stdlib.forThisHost(Main.version()))
            .services(services)
            .serviceBlock(logging.serviceBlock())
            .serviceBlock(http.serviceBlock())
            .serviceBlock(http.liveDebugging().serviceBlock())
            .sources(() -> readAgain(path))
            .modulePath(modulePath(path))
            .shutdownDeadline(shutdownDeadline)
            .componentLoggers(ComponentLoggers::forComponent)
            .observer(metrics)
            .build();
    metrics.watch(controller);
    http.attach(controller);
    services.attach(controller);

    // Before the load: once /-/ready answers, a SIGHUP must reload, not kill the process.
    Hangup.onHangup(
        () -> {
          RuntimeView.ReloadResult r = controller.reload();
          if (r.ok()) {
            logger.info("config reloaded");
          } else {
            logger.atError().addKeyValue("err", r.message()).log("failed to reload config");
          }
        });
    LoadResult initial = controller.load();
    ConfigSources.print(initial.diagnostics(), List.copyOf(initial.files().values()), io.err());
    if (!initial.ok()) {
      io.err().println();
      io.err().println("Error: could not perform the initial load successfully");
      controller.close();
      http.close();
      return 1;
    }
    Thread shutdown =
        Thread.ofPlatform()
            .name("jalloy-shutdown")
            .unstarted(
                () -> {
                  logger.info("shutting down");
                  controller.close();
                  http.close();
                  stop.countDown();
                });
    java.lang.Runtime.getRuntime().addShutdownHook(shutdown);
    if (exitAfterReady) {
      warmUp(http);
      stop.countDown();
    }
    logger
        .atInfo()
        .addKeyValue("addr", http.listenAddress())
        .addKeyValue("ui", "http://" + uiHost(http.listenAddress()) + uiPathPrefix)
        .log("jalloy is running");
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      java.lang.Runtime.getRuntime().removeShutdownHook(shutdown);
      controller.close();
      http.close();
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook closes everything
    }
    return 0;
  }

  /** Exercises the usual endpoints once, so a training run records their classes too. */
  private static void warmUp(HttpService http) {
    try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
      for (String path : List.of("-/ready", "metrics", "api/v0/web/components", "")) {
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + http.port() + "/" + path);
        client.send(
            java.net.http.HttpRequest.newBuilder(uri).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
      }
    } catch (IOException e) {
      logger.atWarn().addKeyValue("err", e.toString()).log("warm-up request failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Where a browser reaches the UI: the listen address, with a wildcard host made local. */
  private static String uiHost(String listenAddress) {
    return listenAddress.startsWith(":") || listenAddress.startsWith("0.0.0.0:")
        ? "127.0.0.1" + listenAddress.substring(listenAddress.indexOf(':'))
        : listenAddress;
  }

  /** {@code module_path}: the configuration's directory, as Alloy defines it. */
  private static String modulePath(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path dir = java.nio.file.Files.isDirectory(absolute) ? absolute : absolute.getParent();
    return dir == null ? "." : dir.toString();
  }

  /** Re-reads the configuration for a reload; a file that vanished is an error in the reload. */
  private static List<SourceFile> readAgain(Path path) {
    try {
      return ConfigSources.read(path);
    } catch (CliException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static Duration parseDuration(String text) throws CliException {
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "invalid --feature.component-shutdown-deadline \"" + text + "\": " + e.getMessage());
    }
  }

  private static final Logger logger = LoggerFactory.getLogger("dev.jalloy.cli.run");
}
