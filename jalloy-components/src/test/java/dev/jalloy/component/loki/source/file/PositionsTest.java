package dev.jalloy.component.loki.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.testkit.InterruptedThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionsTest {
  @TempDir Path dir;

  /**
   * The source's run loop syncs positions every few seconds, and the component's stop interrupts
   * that thread: a sync caught by the interrupt used to fail (its file channel closed) and log an
   * error on a normal shutdown.
   */
  @Test
  void aSyncOnAnInterruptedThreadIsWrittenAndTheInterruptKept() throws Exception {
    Path file = dir.resolve("positions.yml");
    Path logFile = Files.writeString(dir.resolve("app.log"), "line\n");
    Positions positions = Positions.load(file, Optional.empty());
    positions.put(logFile.toString(), "{}", 5);
    var syncing = InterruptedThread.run(Duration.ofSeconds(30), positions::sync);

    assertThat(syncing.finished()).isTrue();
    assertThat(syncing.failure()).isNull();
    assertThat(syncing.stillInterrupted()).isTrue();
    assertThat(Positions.load(file, Optional.empty()).get(logFile.toString(), "{}")).contains("5");
  }
}
