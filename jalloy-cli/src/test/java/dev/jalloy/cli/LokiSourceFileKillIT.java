package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loki.source.file -> loki.write} survives SIGKILL: a writer in this test appends lines to a
 * file the whole time; jalloy tails it to a Loki-like receiver, is killed with {@code kill -9} in
 * the middle of the stream and started again on the same storage directory (positions file and
 * write queue) while the writer goes on. In the end every line written has arrived at least once.
 * Duplicates are allowed (a line read after the last saved position is read again) and counted.
 */
class LokiSourceFileKillIT {
  @TempDir Path tmp;

  @Test
  void everyLineWrittenArrivesAtLeastOnceAcrossAKill9() throws Exception {
    Path log = tmp.toAbsolutePath().resolve("app.log");
    Files.createFile(log);
    try (LokiReceiver loki = LokiReceiver.started();
        Writer writer = new Writer(log)) {
      Path config =
          SeedConfig.write(
              tmp,
              "tail.alloy",
              """
              loki.source.file "app" {
                targets    = [{__path__ = "%s", job = "app"}]
                forward_to = [loki.write.out.receiver]
              }

              loki.write "out" {
                endpoint {
                  url                 = "%s"
                  batch_wait          = "100ms"
                  min_backoff_period  = "50ms"
                  max_backoff_period  = "500ms"
                  max_backoff_retries = 0
                }
              }
              """
                  .formatted(log, loki.url()));
      writer.start();
      Map<String, String> env = Map.of();
      int killedAt;
      int restartedAt;
      JalloyProcess first = JalloyProcess.start(tmp, env, "run", config.toString());
      String firstOutput;
      try {
        first.awaitReady();
        JalloyProcess.await(
            () -> loki.distinctLines().size() >= 2_000,
            "2,000 lines at the receiver before the kill\n" + first.output());
        // Kill once a position was saved (every 10 s), so the restart resumes from it rather
        // than from the start of the file.
        JalloyProcess.await(
            Duration.ofSeconds(30),
            () -> savedPosition(tmp.resolve("data"), log) > 0,
            "a saved position for " + log);
        killedAt = writer.written();
        first.kill(); // SIGKILL in the middle of the stream: the writer goes on
        firstOutput = first.output();
      } finally {
        first.kill();
      }
      JalloyProcess.await(
          () -> writer.written() >= killedAt + 2_000, "2,000 more lines written while down");
      restartedAt = writer.written();
      try (JalloyProcess second = JalloyProcess.start(tmp, env, "run", config.toString())) {
        second.awaitReady();
        JalloyProcess.await(
            () -> loki.distinctLines().size() >= restartedAt + 2_000,
            "the lines written while down and 2,000 more\n" + second.output());
        writer.stop(); // the last line is written
        int total = writer.written();
        JalloyProcess.await(
            Duration.ofSeconds(60),
            () -> loki.distinctLines().size() >= total,
            "all " + total + " lines at the receiver\n" + second.output());

        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < total; i++) {
          expected.add(Writer.line(i));
        }
        Map<String, Long> times =
            loki.lines().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long duplicates = loki.lines().size() - times.size();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(times.keySet());
        assertThat(missing)
            .as(
                "%d lines written (killed at %d, restarted at %d), %d received, %d duplicates;"
                    + " missing",
                total, killedAt, restartedAt, loki.lines().size(), duplicates)
            .isEmpty();
        assertThat(times.keySet())
            .as("%d duplicates among %d received", duplicates, loki.lines().size())
            .isEqualTo(expected);
        assertThat(loki.streams)
            .allMatch(
                s ->
                    s.labels().equals(SeedConfig.labels("filename", log.toString(), "job", "app")));
        assertThat(firstOutput).doesNotContain("Exception in thread");
      }
    }
  }

  /** The offset {@code positions.yml} under {@code data} holds for {@code file}, or -1. */
  private static long savedPosition(Path data, Path file) {
    try (var paths = Files.walk(data)) {
      for (Path p : paths.filter(p -> p.endsWith("positions.yml")).toList()) {
        String yaml = Files.readString(p);
        int at = yaml.indexOf(file.toString());
        if (at >= 0) {
          var m = java.util.regex.Pattern.compile("\n  : \"(\\d+)\"").matcher(yaml.substring(at));
          if (m.find()) {
            return Long.parseLong(m.group(1));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // not written yet, or being replaced
    }
    return -1;
  }

  /** Appends numbered lines, a few at a time, until closed. */
  private static final class Writer implements AutoCloseable {
    private final Path file;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private volatile IOException failure;

    Writer(Path file) {
      this.file = file;
      this.thread = Thread.ofPlatform().name("line-writer").unstarted(this::run);
    }

    static String line(int i) {
      return String.format("line %07d of the kill test", i);
    }

    void start() {
      thread.start();
    }

    int written() {
      if (failure != null) {
        throw new AssertionError("the writer failed", failure);
      }
      return written.get();
    }

    private void run() {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
        while (!stop.get()) {
          StringBuilder batch = new StringBuilder();
          int n = written.get();
          for (int i = 0; i < 10; i++) {
            batch.append(line(n + i)).append('\n');
          }
          ByteBuffer b = ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8));
          while (b.hasRemaining()) {
            ch.write(b);
          }
          written.addAndGet(10);
          LockSupport.parkNanos(2_000_000); // about 5,000 lines a second
        }
      } catch (IOException e) {
        failure = e;
      }
    }

    /** Stops writing and waits for the last batch. */
    void stop() {
      stop.set(true);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      stop();
    }
  }
}
