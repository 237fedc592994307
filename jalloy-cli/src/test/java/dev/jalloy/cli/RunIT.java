package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jalloy run} as a real process: HTTP endpoints, reloads, signals, failures, exit codes. */
class RunIT {
  @TempDir Path tmp;

  private Path config(String text) throws IOException {
    Path config = tmp.resolve("config.alloy");
    Files.writeString(config, text);
    return config;
  }

  private Path dataFile(String name, String content) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static String localFile(String label, Path file) {
    return "local.file \"" + label + "\" {\n  filename = \"" + file + "\"\n}\n";
  }

  @Test
  void servesTheQuickstartConfiguration() throws Exception {
    Path quickstart = Cli.repoRoot().resolve("examples/quickstart.alloy");
    try (JalloyProcess jalloy = JalloyProcess.start(tmp, "run", quickstart.toString())) {
      jalloy.awaitReady();
      assertThat(jalloy.get("-/ready").body()).isEqualTo("Alloy is ready.\n");
      assertThat(jalloy.get("-/healthy").body()).isEqualTo("All Alloy components are healthy.\n");
      String components = jalloy.get("api/v0/web/components").body();
      assertThat(components)
          .contains("\"localID\":\"prometheus.exporter.self.default\"")
          .contains("\"localID\":\"local.file.quickstart\"")
          .doesNotContain("\"state\":\"unhealthy\"");

      String metrics = jalloy.get("metrics").body();
      assertThat(metrics)
          .contains("alloy_component_controller_running_components{")
          .contains("alloy_component_evaluation_seconds_bucket{")
          .contains("component_id=\"local.file.quickstart\"")
          .contains("jvm_memory_used_bytes");
      promtoolAccepts(metrics);

      // prometheus.exporter.self serves what /metrics serves.
      HttpResponse<String> self =
          jalloy.get("api/v0/component/prometheus.exporter.self.default/metrics");
      assertThat(self.statusCode()).isEqualTo(200);
      assertThat(self.body()).contains("alloy_component_controller_running_components{");
      assertThat(jalloy.output()).contains("msg=\"jalloy is running\"");
    }
  }

  @Test
  void reloadAppliesChangesAndABrokenFileChangesNothing() throws Exception {
    Path a = dataFile("a.txt", "alpha");
    Path b = dataFile("b.txt", "beta");
    Path config = config(localFile("a", a));
    try (JalloyProcess jalloy = JalloyProcess.start(tmp, "run", config.toString())) {
      jalloy.awaitReady();

      Files.writeString(config, localFile("a", a) + localFile("b", b));
      HttpResponse<String> ok = jalloy.post("-/reload");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("config reloaded\n");
      assertThat(jalloy.get("api/v0/web/components/local.file.b").statusCode()).isEqualTo(200);

      Files.writeString(config, localFile("a", a) + "local.file \"b\" {\n  filename = \n");
      HttpResponse<String> broken = jalloy.post("-/reload");
      assertThat(broken.statusCode()).isEqualTo(400);
      assertThat(broken.body()).contains(config + ":6:1: expected expression, got EOF");
      assertThat(jalloy.get("api/v0/web/components/local.file.b").statusCode()).isEqualTo(200);
      assertThat(jalloy.get("-/healthy").statusCode()).isEqualTo(200);

      // SIGHUP reloads too: b goes away.
      Files.writeString(config, localFile("a", a));
      jalloy.signal("HUP");
      JalloyProcess.await(
          () -> status(jalloy, "api/v0/web/components/local.file.b") == 404, "SIGHUP to remove b");
      assertThat(jalloy.get("api/v0/web/components/local.file.a").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aPortInUseIsOneClearLine() throws Exception {
    Path config = config(localFile("a", dataFile("a.txt", "alpha")));
    try (JalloyProcess first = JalloyProcess.start(tmp, "run", config.toString())) {
      first.awaitReady();
      String addr = "127.0.0.1:" + first.port();
      try (JalloyProcess second =
          JalloyProcess.start(
              tmp,
              "run",
              "--server.http.listen-addr=" + addr,
              "--storage.path=" + tmp.resolve("d2"),
              config.toString())) {
        assertThat(second.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(second.output())
            .contains(
                "Error: cannot listen on "
                    + addr
                    + ": address already in use; choose another with --server.http.listen-addr")
            .doesNotContain("Exception")
            .doesNotContain("\tat ");
      }
    }
  }

  @Test
  void aFailedInitialLoadExitsWithTheDiagnostics() throws Exception {
    Path config = config(localFile("gone", tmp.resolve("missing.txt")));
    try (JalloyProcess jalloy = JalloyProcess.start(tmp, "run", config.toString())) {
      assertThat(jalloy.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(jalloy.output())
          .contains(
              "failed to read file: open "
                  + tmp.resolve("missing.txt")
                  + ": no such file or directory")
          .contains("Error: could not perform the initial load successfully")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void sigtermShutsDownGracefully() throws Exception {
    Path config = config(localFile("a", dataFile("a.txt", "alpha")));
    JalloyProcess jalloy = JalloyProcess.start(tmp, "run", config.toString());
    jalloy.awaitReady();
    jalloy.signal("TERM");
    int code = jalloy.awaitExit(Duration.ofSeconds(30));
    assertThat(code).isIn(0, 143); // 143 = 128 + SIGTERM, the JVM's exit status for it
    assertThat(jalloy.output()).contains("msg=\"shutting down\"").doesNotContain("\tat ");
  }

  private static int status(JalloyProcess jalloy, String path) {
    try {
      return jalloy.get(path).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The real promtool from Debian's prometheus package lints the exposition. */
  static void promtoolAccepts(String metrics) throws IOException, InterruptedException {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      String message = "promtool missing: install the Debian package prometheus (./test.sh does)";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      System.err.println("!!!!!!!! SKIPPING promtool check: " + message);
      assumeTrue(false, message);
    }
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = p.getOutputStream()) {
      in.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // promtool exits 3 for lint findings and 1 for parse errors; parse errors are what matter.
    assertThat(output).doesNotContain("error while linting").doesNotContain("parse error");
    assertThat(p.exitValue()).as(output).isIn(0, 3);
  }
}
