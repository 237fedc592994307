package dev.jalloy.component.loki.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread stopping =
        Thread.ofPlatform()
            .start(
                () -> {
                  Thread.currentThread().interrupt();
                  try {
                    positions.sync();
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                  stillInterrupted.set(Thread.currentThread().isInterrupted());
                });
    stopping.join();

    assertThat(failure.get()).isNull();
    assertThat(stillInterrupted.get()).isTrue();
    assertThat(Positions.load(file, Optional.empty()).get(logFile.toString(), "{}")).contains("5");
  }
}
