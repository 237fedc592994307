package dev.jalloy.cli;

import static dev.jalloy.cli.SeedConfig.labels;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed deployment {@code ../shared/configs/docker-host.alloy} run by the real jar against
 * fixture files: Docker {@code json-file} container logs go through {@code stage.docker}, {@code
 * stage.regex} on the {@code filename} label and {@code stage.labels}; {@code /var/log/*.log} goes
 * straight to {@code loki.write}; a Loki-like receiver in this test gets the result.
 *
 * <p>Every component the file uses exists, so nothing is cut. The file reads no environment
 * variable, so three strings of the copy are rewritten and nothing else: the two {@code __path__}
 * globs get the test directory in front ({@code /var/lib/docker/containers/...} stays a substring
 * of every container log's path, so the file's own {@code stage.regex} still finds the container
 * id) and the {@code loki.write} URL {@code http://loki:3100/...} becomes the receiver's.
 */
class DockerHostIT {
  private static final String ID_A = "0a1b2c3d4e5f" + "6".repeat(52);
  private static final String ID_B = "fedcba987654" + "3".repeat(52);

  @TempDir Path tmp;

  @Test
  void containerAndSystemLogsArriveWithTheLabelsAndLinesTheFileMeans() throws Exception {
    Path root = tmp.toAbsolutePath();
    Path containerA = container(root, ID_A);
    Files.writeString(
        containerA,
        """
        {"log":"GET /healthz 200\\n","stream":"stdout","time":"2026-11-23T10:00:00.123456789Z"}
        {"log":"panic: boom\\n","stream":"stderr","time":"2026-11-23T10:00:01Z"}
        """);
    Path containerB = container(root, ID_B);
    Files.writeString(
        containerB,
        """
        {"log":"listening on :8080\\n","stream":"stdout","time":"2026-11-23T10:00:02.5Z"}
        """);
    // Docker's own files beside the log: not matched by *-json.log.
    Files.writeString(containerA.resolveSibling("config.v2.json"), "{\"not\":\"a log\"}\n");
    Path varLog = Files.createDirectories(root.resolve("var/log"));
    Path auth = varLog.resolve("auth.log");
    Files.writeString(auth, "Nov 23 10:00:03 host sshd[812]: Accepted publickey for ops\n");
    Files.writeString(varLog.resolve("syslog"), "not matched by *.log\n");

    try (LokiReceiver loki = LokiReceiver.started()) {
      String config = SeedConfig.read("docker-host.alloy");
      config =
          SeedConfig.replaceOnce(
              config,
              "\"/var/lib/docker/containers/*/*-json.log\"",
              "\"" + root + "/var/lib/docker/containers/*/*-json.log\"");
      config =
          SeedConfig.replaceOnce(config, "\"/var/log/*.log\"", "\"" + root + "/var/log/*.log\"");
      config =
          SeedConfig.replaceOnce(
              config, "\"http://loki:3100/loki/api/v1/push\"", "\"" + loki.url() + "\"");
      Path file = SeedConfig.write(tmp, "docker-host.alloy", config);

      try (JalloyProcess jalloy = JalloyProcess.start(tmp, Map.of(), "run", file.toString())) {
        jalloy.awaitReady();
        JalloyProcess.await(
            Duration.ofSeconds(60),
            () -> loki.distinctLines().size() >= 4,
            "four lines at the receiver\n" + jalloy.output());

        long readAt =
            loki.entries().stream()
                .filter(e -> e.line().startsWith("Nov 23"))
                .findFirst()
                .orElseThrow()
                .timestampNanos();
        // stage.docker: line := log (Docker keeps the newline), label stream, timestamp := time;
        // stage.regex + stage.labels: container_id is the first 12 hex digits of the directory.
        assertThat(loki.entries())
            .containsExactlyInAnyOrderElementsOf(
                List.of(
                    new LokiReceiver.Received(
                        labels(
                            "container_id", "0a1b2c3d4e5f",
                            "filename", containerA.toString(),
                            "job", "docker",
                            "stream", "stdout"),
                        nanos("2026-11-23T10:00:00.123456789Z"),
                        "GET /healthz 200\n"),
                    new LokiReceiver.Received(
                        labels(
                            "container_id", "0a1b2c3d4e5f",
                            "filename", containerA.toString(),
                            "job", "docker",
                            "stream", "stderr"),
                        nanos("2026-11-23T10:00:01Z"),
                        "panic: boom\n"),
                    new LokiReceiver.Received(
                        labels(
                            "container_id", "fedcba987654",
                            "filename", containerB.toString(),
                            "job", "docker",
                            "stream", "stdout"),
                        nanos("2026-11-23T10:00:02.5Z"),
                        "listening on :8080\n"),
                    // /var/log/*.log: no loki.process, so the line as written, the time it was
                    // read, and the target's labels plus filename.
                    new LokiReceiver.Received(
                        labels("filename", auth.toString(), "job", "varlogs"),
                        readAt,
                        "Nov 23 10:00:03 host sshd[812]: Accepted publickey for ops")));
        assertThat(Instant.ofEpochSecond(0, readAt)).isAfter(Instant.now().minusSeconds(120));
      }
    }
  }

  private static Path container(Path root, String id) throws Exception {
    Path dir = Files.createDirectories(root.resolve("var/lib/docker/containers").resolve(id));
    return dir.resolve(id + "-json.log");
  }

  private static long nanos(String rfc3339) {
    Instant t = Instant.parse(rfc3339);
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
