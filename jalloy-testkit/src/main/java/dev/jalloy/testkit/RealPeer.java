package dev.jalloy.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program the tests run against (Debian's Prometheus, node_exporter...), started on a free
 * port on 127.0.0.1 and stopped at close. A missing binary fails the test under {@code CI=true} and
 * is skipped loudly elsewhere, naming the package to install.
 */
public final class RealPeer implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  private RealPeer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Debian's Prometheus with the remote-write receiver on, empty scrape config. */
  public static RealPeer prometheusReceiver(Path dir) throws IOException {
    return prometheusReceiver(dir, 0);
  }

  /**
   * The same on a given port (0 = any free one): for tests that configure the address before the
   * receiver exists, to start it later and end an outage.
   */
  public static RealPeer prometheusReceiver(Path dir, int fixedPort) throws IOException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global: {scrape_interval: 15s}\nscrape_configs: []\n");
    return start(
        Path.of("/usr/bin/prometheus"),
        "prometheus",
        dir,
        "/-/ready",
        fixedPort,
        port ->
            List.of(
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver"));
  }

  /** Debian's prometheus-node-exporter with its default collectors. */
  public static RealPeer nodeExporter(Path dir) throws IOException {
    return nodeExporter(dir, List.of());
  }

  /**
   * Debian's prometheus-node-exporter with extra command-line flags (e.g. {@code
   * --collector.disable-defaults --collector.netclass}).
   */
  public static RealPeer nodeExporter(Path dir, List<String> flags) throws IOException {
    return start(
        Path.of("/usr/bin/prometheus-node-exporter"),
        "prometheus-node-exporter",
        dir,
        "/metrics",
        0,
        port -> {
          List<String> args = new ArrayList<>();
          args.add("--web.listen-address=127.0.0.1:" + port);
          args.addAll(flags);
          return args;
        });
  }

  /** Arguments for a port. */
  @FunctionalInterface
  public interface Arguments {
    List<String> forPort(int port);
  }

  public static RealPeer start(
      Path binary,
      String debianPackage,
      Path dir,
      String readyPath,
      int fixedPort,
      Arguments arguments)
      throws IOException {
    if (!Files.isExecutable(binary)) {
      String message =
          binary + " is missing: install the Debian package " + debianPackage + " (./test.sh does)";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      System.err.println("!!!!!!!! SKIPPING: " + message);
      Assumptions.abort(message);
    }
    int port = fixedPort > 0 ? fixedPort : freePort();
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments.forPort(port));
    Path log = dir.resolve(binary.getFileName() + "-" + port + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RealPeer peer = new RealPeer(process, log, port);
    Eventually.await(
        Duration.ofSeconds(60),
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(binary + " exited:\n" + peer.log());
          }
          return peer.status(readyPath) == 200;
        },
        binary + " to be ready");
    return peer;
  }

  /** A port free now on 127.0.0.1 (another process could take it before it is used). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** GET a path; the body as text. */
  public String get(String pathAndQuery) throws IOException {
    return request(pathAndQuery).body();
  }

  private int status(String path) {
    try {
      return request(path).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private HttpResponse<String> request(String pathAndQuery) throws IOException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
