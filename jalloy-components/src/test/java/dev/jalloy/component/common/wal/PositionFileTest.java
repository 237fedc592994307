package dev.jalloy.component.common.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionFileTest {
  @TempDir Path dir;

  /**
   * A sender stores its last position on the thread that is interrupted to stop it; a store that
   * failed there (file channels close on interrupt) left the old position, and the next start sent
   * everything again.
   */
  @Test
  void aStoreOnAnInterruptedThreadIsSavedAndTheInterruptKept() throws Exception {
    PositionFile file = new PositionFile(dir.resolve("positions").resolve("ep"));
    file.store(new Position(0, 0));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread stopping =
        Thread.ofPlatform()
            .start(
                () -> {
                  Thread.currentThread().interrupt();
                  try {
                    file.store(new Position(2, 34));
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                  stillInterrupted.set(Thread.currentThread().isInterrupted());
                });
    stopping.join();

    assertThat(failure.get()).isNull();
    assertThat(stillInterrupted.get()).isTrue();
    assertThat(new PositionFile(file.path()).load()).contains(new Position(2, 34));
  }
}
