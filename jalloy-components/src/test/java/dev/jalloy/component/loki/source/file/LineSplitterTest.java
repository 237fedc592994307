package dev.jalloy.component.loki.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  /** Bytes near a newline in value: the ones a word-at-a-time search could confuse with it. */
  private static final byte[] ALPHABET = {'\n', 0x0B, 0x09, (byte) 0x8A, (byte) 0xFF, 0, 'a', 0x7F};

  @Test
  void theWordSearchFindsTheFirstNewlineAsAByteLoopDoes() {
    Random random = new Random(20261206);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        // mostly not a newline, so that runs of eight and more bytes without one occur
        b[i] = random.nextInt(8) == 0 ? (byte) '\n' : ALPHABET[1 + random.nextInt(7)];
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      int end = from + random.nextInt(b.length - from + 1);
      assertThat(LineSplitter.indexOfNewlineByte(b, from, end))
          .as("%s [%d, %d)", java.util.Arrays.toString(b), from, end)
          .isEqualTo(byteLoop(b, from, end));
    }
  }

  private static int byteLoop(byte[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Test
  void linesFedInPiecesOfAnySizeComeOutWholeWithTheirOffsets() {
    String text = "first\nsecond line, longer than eight bytes\r\n\nthé fourth\nunterminated";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      LineSplitter splitter = new LineSplitter(StandardCharsets.UTF_8, 1 << 20, 100);
      List<String> lines = new ArrayList<>();
      List<Long> offsets = new ArrayList<>();
      for (int at = 0; at < bytes.length; ) {
        int n = Math.min(bytes.length - at, 1 + random.nextInt(12));
        splitter.feed(
            bytes,
            at,
            n,
            (line, next, truncated) -> {
              lines.add(line);
              offsets.add(next);
            });
        at += n;
      }
      assertThat(lines)
          .containsExactly("first", "second line, longer than eight bytes", "", "thé fourth");
      assertThat(offsets).containsExactly(106L, 144L, 145L, 157L);
      assertThat(splitter.holding()).isTrue();
      assertThat(splitter.offset()).isEqualTo(100L + bytes.length);
    }
  }
}
