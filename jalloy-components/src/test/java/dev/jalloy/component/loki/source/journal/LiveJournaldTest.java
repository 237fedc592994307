package dev.jalloy.component.loki.source.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.testkit.CollectingLogsReceiver;
import dev.jalloy.testkit.Eventually;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live journal: a {@code systemd-journald} started by the test (no systemd as PID 1 needed),
 * 10,000 entries written with {@code systemd-cat} (2,000 of them while it is down) while the
 * component follows {@code /run/log/journal} and is restarted once: every entry arrives, none
 * twice.
 *
 * <p>journald's socket and volatile storage are machine-wide ({@code /run/systemd/journal}, {@code
 * /run/log/journal}): the test runs only as root and when no journald runs already, and removes
 * both afterwards.
 */
@SuppressWarnings("try") // rigs are closed early on purpose: a stop mid-stream
class LiveJournaldTest {
  @TempDir Path dir;

  private static final Path SOCKET_DIR = Path.of("/run/systemd/journal");
  private static final Path STORAGE = Path.of("/run/log/journal");

  private static Path binary(String... candidates) {
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    require(false, candidates[0] + " is missing: install the Debian package systemd");
    throw new AssertionError("unreachable");
  }

  /** Skips loudly outside CI when {@code condition} is false; under CI a skip is a failure. */
  private static void require(boolean condition, String message) {
    if (condition) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    System.err.println("!!!!!!!! SKIPPING: " + message);
    Assumptions.abort(message);
  }

  @Test
  void tenThousandEntriesFollowedAcrossARestartArriveOnce() throws Exception {
    Path journald = binary("/lib/systemd/systemd-journald", "/usr/lib/systemd/systemd-journald");
    Path cat = binary("/usr/bin/systemd-cat", "/bin/systemd-cat");
    require("root".equals(System.getProperty("user.name")), "journald needs root to start");
    require(!Files.exists(SOCKET_DIR.resolve("socket")), "a journald already runs on this machine");
    Process daemon =
        new ProcessBuilder(journald.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("journald.log").toFile())
            .start();
    try {
      Eventually.await(
          Duration.ofSeconds(20),
          () -> Files.exists(SOCKET_DIR.resolve("stdout")) && hasJournalFile(),
          "journald to be ready");
      String tag = "jalloy-live-" + UUID.randomUUID().toString().substring(0, 8);
      CollectingLogsReceiver sink = new CollectingLogsReceiver();
      var args =
          new LokiSourceJournal.Arguments(
              List.of(sink),
              false,
              Duration.ofHours(1),
              STORAGE.toString(),
              "SYSLOG_IDENTIFIER=" + tag,
              Map.of(),
              new RelabelRules(List.of()),
              Optional.empty());
      int n = 10_000;
      Process writer = new ProcessBuilder(cat.toString(), "-t", tag).start();
      List<String> seen = new ArrayList<>();
      try (OutputStream in = writer.getOutputStream()) {
        try (var rig = new JournalRig(dir.resolve("data"), args, 100)) {
          write(in, 1, n / 2);
          sink.awaitCount(1000);
          rig.close();
        }
        seen.addAll(sink.lines());
        sink.clear();
        write(in, n / 2 + 1, 7000); // while jalloy is down
        try (var rig = new JournalRig(dir.resolve("data"), args, 100)) {
          write(in, 7001, n);
          in.close();
          assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
          Eventually.await(
              Duration.ofSeconds(60),
              () -> seen.size() + sink.entries.size() >= n,
              n + " entries in total");
          rig.close();
        }
      }
      seen.addAll(sink.lines());
      assertThat(seen)
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, n).mapToObj(i -> "live " + i).toList());
    } finally {
      daemon.destroy();
      if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      deleteTree(STORAGE);
      deleteTree(SOCKET_DIR);
    }
  }

  private static void write(OutputStream in, int from, int to) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i <= to; i++) {
      sb.append("live ").append(i).append('\n');
    }
    in.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static boolean hasJournalFile() {
    if (!Files.isDirectory(STORAGE)) {
      return false;
    }
    try (Stream<Path> s = Files.find(STORAGE, 2, (p, a) -> p.toString().endsWith(".journal"))) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
