package dev.jalloy.component.prometheus.exporter.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of kernel files: whole, trimmed, and past the pooled buffer's size. */
class HostFilesTest {
  @TempDir Path dir;

  @Test
  void readsAFileLargerThanTheBufferWholeAndTheNextSmallOneAlone() throws Exception {
    String big = "x".repeat(100_000) + "\n";
    Files.writeString(dir.resolve("big"), big);
    Files.writeString(dir.resolve("small"), "  42 \n");
    assertThat(HostFiles.readWhole(dir.resolve("big"))).isEqualTo(big);
    assertThat(HostFiles.readWhole(dir.resolve("small"))).isEqualTo("  42 \n");
    assertThat(HostFiles.readTrimmed(dir.resolve("small"))).isEqualTo("42");
    assertThat(HostFiles.readLong(dir.resolve("small"))).isEqualTo(42);
  }

  @Test
  void trimsLikeStringStripAndKeepsInnerWhitespace() throws Exception {
    Files.writeString(dir.resolve("v"), "\t a b\u2003\n\n");
    assertThat(HostFiles.readTrimmed(dir.resolve("v"))).isEqualTo("a b");
    assertThat(HostFiles.readLines(dir.resolve("v"))).containsExactly("\t a b\u2003", "");
  }

  @Test
  void aMissingFileIsNoSuchFileAndOptionalEmpty() {
    assertThatThrownBy(() -> HostFiles.readWhole(dir.resolve("absent")))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(HostFiles.readOptional(dir.resolve("absent"))).isEmpty();
  }
}
