package dev.jalloy.component.common.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.testkit.InterruptedThread;
import java.nio.file.Path;
import java.time.Duration;
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
    var storing =
        InterruptedThread.run(Duration.ofSeconds(30), () -> file.store(new Position(2, 34)));

    assertThat(storing.finished()).isTrue();
    assertThat(storing.failure()).isNull();
    assertThat(storing.stillInterrupted()).isTrue();
    assertThat(new PositionFile(file.path()).load()).contains(new Position(2, 34));
  }
}
