package dev.jalloy.component.loki.write.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.model.Labels;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code logproto.PushRequest} byte by byte, against bytes built by hand from spec 7.2 (field
 * numbers, wire types, proto3 omission of defaults, gogoproto's always-present timestamp).
 */
class PushRequestEncoderTest {
  private static final long T = 1_700_000_000L * 1_000_000_000L;

  @Test
  void oneStreamTwoEntriesMatchesHandBuiltBytes() {
    PushRequestEncoder enc = new PushRequestEncoder();
    enc.reset();
    enc.beginStream("{job=\"x\"}");
    enc.entry(T + 1, "hi", Labels.of("trace_id", "abc"));
    enc.entry(0, "x", Labels.EMPTY);
    String expected =
        String.join(
            "",
            "0a33", // PushRequest.streams (1, LEN), 51 bytes
            "0a09", // StreamAdapter.labels (1, LEN), 9 bytes
            "7b6a6f623d2278227d", // {job="x"}
            "121f", // StreamAdapter.entries (2, LEN), 31 bytes
            "0a08", // EntryAdapter.timestamp (1, LEN), 8 bytes
            "0880e2cfaa06", // Timestamp.seconds (1, VARINT) 1700000000
            "1001", // Timestamp.nanos (2, VARINT) 1
            "12026869", // EntryAdapter.line (2, LEN) "hi"
            "1a0f", // EntryAdapter.structuredMetadata (3, LEN), 15 bytes
            "0a0874726163655f6964", // LabelPairAdapter.name "trace_id"
            "1203616263", // LabelPairAdapter.value "abc"
            "1205", // second entry, 5 bytes
            "0a00", // the zero timestamp is still written, empty
            "120178"); // line "x"
    assertThat(HexFormat.of().formatHex(enc.protobuf())).isEqualTo(expected);
  }

  @Test
  void emptyLabelsAndLinesAreOmittedLikeProto3() {
    PushRequestEncoder enc = new PushRequestEncoder();
    enc.reset();
    enc.beginStream("");
    enc.entry(T, "", Labels.EMPTY);
    // streams{ entries{ timestamp{seconds} } }
    assertThat(HexFormat.of().formatHex(enc.protobuf()))
        .isEqualTo("0a0a" + "1208" + "0a06" + "0880e2cfaa06");
  }

  @Test
  void bodyIsASnappyBlockOfTheProtobuf() throws Exception {
    PushRequestEncoder enc = new PushRequestEncoder();
    enc.reset();
    enc.beginStream("{a=\"1\"}");
    enc.entry(T, "x".repeat(300), Labels.EMPTY); // lengths > 127 take two varint bytes
    byte[] proto = enc.protobuf();
    PushRequestEncoder.Body body = enc.finish();
    byte[] raw = new byte[body.uncompressedLength()];
    new SnappyDecompressor().decompress(body.buffer(), 0, body.length(), raw, 0, raw.length);
    assertThat(raw).isEqualTo(proto);
    assertThat(HexFormat.of().formatHex(proto)).startsWith("0ac302");
  }

  @Test
  void decoderReadsWhatTheEncoderWrites() throws Exception {
    PushRequestEncoder enc = new PushRequestEncoder();
    enc.reset();
    enc.beginStream("{a=\"1\"}");
    enc.entry(T + 5, "one", Labels.of("k", "v", "k2", "v2"));
    enc.entry(-1, "before 1970", Labels.EMPTY);
    enc.beginStream("{a=\"2\"}");
    enc.entry(T, "é ✓ 😀", Labels.EMPTY);
    PushRequestEncoder.Body body = enc.finish();
    byte[] wire = java.util.Arrays.copyOf(body.buffer(), body.length());
    PushRequest r = new PushRequestDecoder(1 << 20).decode(wire);
    assertThat(r.streams())
        .containsExactly(
            new PushStream(
                "{a=\"1\"}",
                List.of(
                    new PushEntry(T + 5, "one", Labels.of("k", "v", "k2", "v2")),
                    new PushEntry(-1, "before 1970", Labels.EMPTY))),
            new PushStream("{a=\"2\"}", List.of(new PushEntry(T, "é ✓ 😀", Labels.EMPTY))));
  }

  @Test
  void garbageIsMalformedNotACrash() {
    PushRequestDecoder d = new PushRequestDecoder(1 << 20);
    assertThatThrownBy(() -> d.decode(new byte[0])).isInstanceOf(MalformedPushException.class);
    assertThatThrownBy(() -> d.decode(new byte[] {(byte) 0xff, (byte) 0xff, 0x7f, 1, 2}))
        .isInstanceOf(MalformedPushException.class);
    // a valid snappy block of a truncated protobuf
    assertThatThrownBy(() -> PushRequestDecoder.decodeProtobuf(HexFormat.of().parseHex("0a33")))
        .isInstanceOf(MalformedPushException.class)
        .hasMessageContaining("overruns");
  }

  @Test
  void decodedSizeIsLimited() {
    PushRequestEncoder enc = new PushRequestEncoder();
    enc.reset();
    enc.beginStream("{a=\"1\"}");
    enc.entry(T, "x".repeat(2000), Labels.EMPTY);
    PushRequestEncoder.Body body = enc.finish();
    byte[] wire = java.util.Arrays.copyOf(body.buffer(), body.length());
    assertThatThrownBy(() -> new PushRequestDecoder(1000).decode(wire))
        .isInstanceOf(MalformedPushException.class)
        .hasMessageContaining("exceeds the limit of 1000 bytes");
  }

  /** The UTF-8 entry the sender writes from queue records is byte for byte the String entry. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "short | hi | 0",
        "empty | '' | 0",
        "two-byte length | 300 | 0",
        "three-byte length | 20000 | 0",
        "non-ascii | é ✓ 😀 | 0",
        "before 1970 | x | -1",
        "whole second | y | 1000000000",
      })
  void utf8EntryEqualsStringEntry(String name, String line, long offset) {
    String text = line.matches("\\d+") ? "x".repeat(Integer.parseInt(line)) : line;
    for (Labels metadata : List.of(Labels.EMPTY, Labels.of("trace_id", "abc"))) {
      PushRequestEncoder strings = new PushRequestEncoder();
      strings.reset();
      strings.beginStream("{a=\"1\"}");
      strings.entry(T + offset, text, metadata);
      strings.entry(T, "next", Labels.EMPTY);
      PushRequestEncoder bytes = new PushRequestEncoder();
      bytes.reset();
      bytes.beginStream("{a=\"1\"}");
      byte[] utf8 = ("..." + text + "..").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      bytes.entry(T + offset, utf8, 3, utf8.length - 5, metadata);
      byte[] next = "next".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      bytes.entry(T, next, 0, next.length, Labels.EMPTY);
      assertThat(HexFormat.of().formatHex(bytes.protobuf()))
          .as("%s with metadata %s", name, metadata)
          .isEqualTo(HexFormat.of().formatHex(strings.protobuf()));
    }
  }
}
