package dev.jalloy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jalloy run [flags] <path>}: every flag of {@code alloy run}, so existing command lines and
 * service units keep working. The component runtime is not built yet: the command checks the
 * configuration exactly like {@code validate}, says that nothing runs yet, and exits 0. Flags
 * marked "not used yet" are accepted and ignored until the piece that reads them exists.
 */
@Command(
    name = "run",
    description = {
      "Run a configuration file or directory.",
      "",
      "The component runtime is not built yet: run checks the configuration like validate"
          + " and exits. Flags marked \"not used yet\" are accepted for compatibility with alloy run."
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
      description = "Address the HTTP server listens on. Default: ${DEFAULT-VALUE}." + NOT_USED)
  String listenAddr;

  @Option(
      names = "--server.http.memory-addr",
      defaultValue = "alloy.internal:12345",
      paramLabel = "<host:port>",
      description = "In-memory address of the HTTP server. Default: ${DEFAULT-VALUE}." + NOT_USED)
  String memoryAddr;

  @Option(
      names = "--server.http.ui-path-prefix",
      defaultValue = "/",
      paramLabel = "<prefix>",
      description = "Path prefix of the UI. Default: ${DEFAULT-VALUE}." + NOT_USED)
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
          "Base directory for component data (WAL, positions). Default: ${DEFAULT-VALUE}."
              + NOT_USED)
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
      description =
          "How long components may take to shut down. Default: ${DEFAULT-VALUE}." + NOT_USED)
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

  RunCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws CliException {
    config.check();
    if (!ValidateCommand.check(path, config, io)) {
      return 1;
    }
    io.err()
        .println(
            "jalloy: configuration "
                + path
                + " is valid, but the component runtime is not built yet, so nothing runs;"
                + " exiting.");
    return 0;
  }
}
