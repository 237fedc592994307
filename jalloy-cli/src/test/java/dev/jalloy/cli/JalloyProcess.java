package dev.jalloy.cli;

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
import java.util.function.BooleanSupplier;

/**
 * The packaged jalloy jar started as a real process, as users start it: for tests of {@code run}
 * that need the whole program (HTTP, signals, shutdown, the exit code).
 */
public final class JalloyProcess implements AutoCloseable {
  private final Process process;
  private final Path output;
  private final int port;

  private JalloyProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /**
   * Starts {@code jalloy <args>}; for {@code run}, the listen address is set to a free port on
   * 127.0.0.1 unless the arguments set one.
   */
  public static JalloyProcess start(Path workDir, String... args) throws IOException {
    return start(workDir, java.util.Map.of(), args);
  }

  /** As {@link #start(Path, String...)}, with extra environment variables for the process. */
  public static JalloyProcess start(Path workDir, java.util.Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-jar");
    command.add(jar().toString());
    int port = 0;
    boolean run = args.length > 0 && args[0].equals("run");
    boolean listenGiven = false;
    boolean storageGiven = false;
    for (String a : args) {
      listenGiven |= a.startsWith("--server.http.listen-addr");
      storageGiven |= a.startsWith("--storage.path");
    }
    command.add(args[0]);
    if (run && !listenGiven) {
      port = freePort();
      command.add("--server.http.listen-addr=127.0.0.1:" + port);
    }
    if (run && !storageGiven) {
      command.add("--storage.path=" + workDir.resolve("data"));
    }
    for (int i = 1; i < args.length; i++) {
      command.add(args[i]);
    }
    Path output = Files.createTempFile(workDir, "jalloy-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    return new JalloyProcess(p, output, port);
  }

  static Path jar() {
    String configured = System.getProperty("jalloy.jar");
    Path jar = configured != null ? Path.of(configured) : Path.of("target", "jalloy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no jalloy jar at " + jar.toAbsolutePath() + "; run mvn package");
    }
    return jar;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public long pid() {
    return process.pid();
  }

  /** Everything the process printed so far (stdout and stderr). */
  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  /** Waits until {@code /-/ready} answers 200, failing with the process output otherwise. */
  public JalloyProcess awaitReady() {
    await(
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "jalloy exited with " + process.exitValue() + ":\n" + output());
          }
          try {
            return get("-/ready").statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        },
        "jalloy to become ready");
    return this;
  }

  public HttpResponse<String> get(String path) throws IOException {
    return send(HttpRequest.newBuilder(base().resolve(path)).GET());
  }

  public HttpResponse<String> post(String path) throws IOException {
    return send(
        HttpRequest.newBuilder(base().resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      return client.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Sends a signal (e.g. HUP) with the system's kill command. */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " failed");
    }
  }

  /** Waits for the process to exit by itself and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("jalloy did not exit within " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** Polls {@code condition} until it holds or 30 s pass. */
  public static void await(BooleanSupplier condition, String what) {
    await(Duration.ofSeconds(30), condition, what);
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes. */
  public static void await(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(timeout.toSeconds() > 30 ? 500 : 20); // polling interval
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** SIGKILL: the crash a process cannot clean up after. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then wait; a graceful shutdown. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
