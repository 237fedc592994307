package dev.jalloy.component.common.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** String and bytes fields as the JDK's UTF-8 encoder and protobuf's length prefixes have them. */
class ProtoWriterTest {
  /** The string repeated to below and above the length where the encoder switches to bulk. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ascii | job=varlogs level=info",
        "latin-1 | é à ü ß ÿ",
        "bmp | ✓ 日本語 Ω",
        "surrogate pair | a😀b𝄞",
        "lone high surrogate | x\uD83D y",
        "lone low surrogate | x\uDE00 y",
        "high surrogate at the end | abc\uD83D",
        "control chars | a\u0000b\u007f\u0080c",
      })
  void stringFieldIsTheJdkEncoding(String name, String unit) {
    for (int times : new int[] {1, 2, 10, 100}) {
      String s = unit.repeat(times);
      ProtoWriter w = new ProtoWriter(16);
      w.stringField(3, s);
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      byte[] got = Arrays.copyOf(w.buffer(), w.size());
      int prefix = 1 + ProtoWriter.varintSize(utf8.length);
      assertThat(got[0]).as("tag").isEqualTo((byte) (3 << 3 | ProtoWriter.LEN));
      assertThat(Arrays.copyOfRange(got, prefix, got.length))
          .as("%s x%d", name, times)
          .isEqualTo(utf8);
      assertThat(got.length).isEqualTo(prefix + utf8.length);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 16383, 16384, 70000})
  void bytesFieldHasTheShortestLengthPrefix(int n) {
    byte[] b = new byte[n + 4];
    Arrays.fill(b, (byte) 'x');
    ProtoWriter w = new ProtoWriter(16);
    w.bytesField(2, b, 2, n);
    ProtoWriter expected = new ProtoWriter(16);
    expected.stringField(2, "x".repeat(n));
    assertThat(Arrays.copyOf(w.buffer(), w.size()))
        .isEqualTo(Arrays.copyOf(expected.buffer(), expected.size()));
  }

  @ParameterizedTest
  @ValueSource(
      longs = {0, 1, 127, 128, 999_999_999, 1_700_000_000L, Long.MAX_VALUE, -1, Long.MIN_VALUE})
  void varint64SizeIsWhatRawVarint64Writes(long v) {
    ProtoWriter w = new ProtoWriter(16);
    w.rawVarint64(v);
    assertThat(ProtoWriter.varint64Size(v)).isEqualTo(w.size());
  }
}
