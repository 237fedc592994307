package dev.jalloy.component.common.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is appending (SIGKILL) at random moments; no synced record may be lost.
 */
class WalCrashTest {

  @TempDir Path tmp;

  @Test
  void syncedRecordsSurviveSigkill() throws Exception {
    Path dir = tmp.resolve("wal");
    long lastReported = -1;
    for (int round = 0; round < 3; round++) {
      long target = lastReported + 200 + ThreadLocalRandom.current().nextInt(3000);
      lastReported = Math.max(lastReported, runAndKill(dir, target));
      assertThat(lastReported).isGreaterThanOrEqualTo(target);

      try (Wal wal =
              Wal.open(
                  dir, WalOptions.defaults().withSegmentSize(16 * 1024), new PrometheusRegistry());
          WalReader r = wal.reader(Position.START)) {
        long expected = 0;
        WalRecord rec;
        while ((rec = r.next()) != null) {
          assertThat(ByteBuffer.wrap(rec.payload()).getLong()).isEqualTo(expected);
          assertThat(rec.payload().length).isEqualTo(8 + (int) (expected % 50));
          expected++;
        }
        assertThat(expected - 1).isGreaterThanOrEqualTo(lastReported);
      }
    }
  }

  /** Runs the child until it reports index {@code target}, SIGKILLs it; returns last reported. */
  private static long runAndKill(Path dir, long target) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                WalCrashChild.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    AtomicLong last = new AtomicLong(-1);
    try {
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                      String line;
                      while ((line = in.readLine()) != null) {
                        last.set(Long.parseLong(line.trim()));
                      }
                    } catch (Exception e) {
                      // stream closes when the child dies
                    }
                  });
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (last.get() < target && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(1); // polling with a deadline, not a fixed wait
      }
      assertThat(p.isAlive()).as("child alive").isTrue();
      p.destroyForcibly();
      assertThat(p.waitFor(Duration.ofSeconds(30))).isTrue();
      reader.join(Duration.ofSeconds(30));
      return last.get();
    } finally {
      p.destroyForcibly();
    }
  }
}
