package dev.jalloy.component.prometheus.remotewrite.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.model.Labels;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WriteRequestCodecTest {
  private final WriteRequestEncoder encoder = new WriteRequestEncoder(16);
  private final WriteRequestDecoder decoder = new WriteRequestDecoder();

  static Stream<Arguments> requests() {
    List<TimeSeries> many = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      many.add(
          new TimeSeries(
              Labels.of("__name__", "m" + (i % 7), "instance", "host-" + i, "job", "j"),
              List.of(new Sample(1_700_000_000_000L + i, i), new Sample(1_700_000_015_000L, -i))));
    }
    return Stream.of(
        Arguments.of("empty request", new WriteRequest(List.of(), List.of())),
        Arguments.of(
            "special values",
            new WriteRequest(
                List.of(
                    new TimeSeries(
                        Labels.of("__name__", "special"),
                        List.of(
                            new Sample(1, Double.NaN),
                            new Sample(2, Sample.STALE_NAN),
                            new Sample(3, Double.POSITIVE_INFINITY),
                            new Sample(4, Double.NEGATIVE_INFINITY),
                            new Sample(5, Double.MIN_VALUE),
                            new Sample(6, -Double.MAX_VALUE),
                            new Sample(7, 0),
                            new Sample(0, 1.5),
                            new Sample(-1, 2.5),
                            new Sample(Long.MAX_VALUE, 3),
                            new Sample(Long.MIN_VALUE, 4)))),
                List.of())),
        Arguments.of(
            "empty label set and no samples",
            new WriteRequest(
                List.of(
                    new TimeSeries(Labels.EMPTY, List.of()),
                    new TimeSeries(Labels.EMPTY, List.of(new Sample(10, 1)))),
                List.of())),
        Arguments.of(
            "unicode and long strings",
            new WriteRequest(
                List.of(
                    new TimeSeries(
                        Labels.of(
                            "__name__", "ünïcødé_metric",
                            "emoji", "🔥 hot 🧊 cold",
                            "cjk", "時系列",
                            "long", "x".repeat(70_000),
                            "quote", "a\"b\\c\nd"),
                        List.of(new Sample(1_700_000_000_000L, 42)))),
                List.of())),
        Arguments.of(
            "exemplars and metadata",
            new WriteRequest(
                List.of(
                    new TimeSeries(
                        Labels.of("__name__", "http_requests_total", "code", "200"),
                        List.of(new Sample(1000, 1), new Sample(2000, 2)),
                        List.of(
                            new Exemplar(Labels.of("trace_id", "abc123"), 1500, 0.25),
                            new Exemplar(Labels.EMPTY, 0, 0)))),
                List.of(
                    new MetricMetadata(
                        MetricType.COUNTER, "http_requests_total", "Requests served.", ""),
                    new MetricMetadata(MetricType.UNKNOWN, "", "", ""),
                    new MetricMetadata(MetricType.STATESET, "s", "häh", "seconds")))),
        Arguments.of("many series", new WriteRequest(many, List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void roundTrip(String name, WriteRequest request) throws Exception {
    EncodedRequest encoded = encoder.encode(request);

    assertThat(decoder.decode(encoded.buffer(), 0, encoded.length())).isEqualTo(request);
    assertThat(encoded.series()).isEqualTo(request.timeseries().size());
    assertThat(encoded.samples())
        .isEqualTo(request.timeseries().stream().mapToInt(t -> t.samples().size()).sum());
    assertThat(encoded.metadata()).isEqualTo(request.metadata().size());
    // The body is snappy block format (not framed) of exactly the protobuf.
    byte[] raw = new byte[encoded.uncompressedLength()];
    new SnappyDecompressor().decompress(encoded.buffer(), 0, encoded.length(), raw, 0, raw.length);
    assertThat(raw).isEqualTo(encoder.protobufBytes());
  }

  @Test
  void staleMarkerKeepsItsBitPattern() throws Exception {
    EncodedRequest encoded =
        encoder
            .reset()
            .startSeries(Labels.of("a", "b"))
            .sample(1, Sample.STALE_NAN)
            .endSeries()
            .finish();
    double v =
        decoder.decode(encoded.toByteArray()).timeseries().getFirst().samples().getFirst().value();
    assertThat(Double.doubleToRawLongBits(v)).isEqualTo(0x7ff0000000000002L);
    assertThat(Sample.isStaleMarker(v)).isTrue();
    assertThat(Sample.isStaleMarker(Double.NaN)).isFalse();
  }

  @Test
  void tinyRequestMatchesHandComputedProtobuf() {
    encoder
        .reset()
        .startSeries(Labels.of("__name__", "up"))
        .sample(1, 1.0)
        .endSeries()
        .metadata(MetricType.COUNTER, "up", "h", "");

    String expected =
        String.join(
            "",
            "0a1d", //                WriteRequest.timeseries (1, LEN), 29 bytes
            "0a0e", //                  TimeSeries.labels (1, LEN), 14 bytes
            "0a08" + hex("__name__"), // Label.name (1, LEN)
            "1202" + hex("up"), //        Label.value (2, LEN)
            "120b", //                  TimeSeries.samples (2, LEN), 11 bytes
            "09000000000000f03f", //      Sample.value (1, I64) = 1.0 little endian
            "1001", //                    Sample.timestamp (2, VARINT) = 1
            "1a09", //                WriteRequest.metadata (3, LEN), 9 bytes
            "0801", //                  type (1, VARINT) = COUNTER; unit "" omitted
            "1202" + hex("up"), //      metric_family_name (2, LEN)
            "2201" + hex("h")); //      help (4, LEN)
    assertThat(HexFormat.of().formatHex(encoder.protobufBytes())).isEqualTo(expected);
  }

  @Test
  void lengthsOver127BytesUseTwoByteVarints() {
    encoder.reset().startSeries(Labels.of("v", "x".repeat(200))).endSeries();
    // Label body: 0a 01 'v' 12 c8 01 <200 x> = 3 + 3 + 200 = 206 = ce 01
    // Series body: 0a ce 01 <206> = 209 = d1 01
    String hex = HexFormat.of().formatHex(encoder.protobufBytes());
    assertThat(hex).startsWith("0ad1010ace010a01" + hex("v") + "12c801" + "78");
    assertThat(encoder.protobufBytes()).hasSize(3 + 209);
  }

  @Test
  void zeroValuesAreOmittedAsGoDoes() {
    encoder.reset().startSeries(Labels.EMPTY).sample(0, 0.0).sample(0, -0.0).endSeries();
    assertThat(HexFormat.of().formatHex(encoder.protobufBytes())).isEqualTo("0a0412001200");
  }

  @Test
  void emptyRequestIsTheSingleSnappyByteZero() {
    EncodedRequest e = encoder.reset().finish();
    assertThat(e.toByteArray()).containsExactly(0);
  }

  @Test
  void negativeTimestampsAreTenByteVarints() {
    encoder.reset().startSeries(Labels.EMPTY).sample(-1, 0).endSeries();
    assertThat(HexFormat.of().formatHex(encoder.protobufBytes()))
        .isEqualTo("0a0d120b10ffffffffffffffffff01");
  }

  @Test
  void unpairedSurrogatesBecomeQuestionMarksAsStringGetBytesDoes() throws Exception {
    String bad = "a\uD800b\uDC00";
    EncodedRequest e =
        encoder.encode(
            new WriteRequest(List.of(new TimeSeries(Labels.of("x", bad), List.of())), List.of()));
    assertThat(decoder.decode(e.toByteArray()).timeseries().getFirst().labels().get("x"))
        .isEqualTo("a?b?");
  }

  @Test
  void misuseOfTheStreamIsAnError() {
    assertThatThrownBy(() -> encoder.reset().sample(1, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                encoder.reset().startSeries(Labels.EMPTY).exemplar(Labels.EMPTY, 1, 1).sample(1, 1))
        .hasMessage("sample after exemplar");
    assertThatThrownBy(() -> encoder.reset().startSeries(Labels.EMPTY).finish())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void steadyBatchesDoNotAllocatePerSample() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Labels[] series = new Labels[100];
    for (int i = 0; i < series.length; i++) {
      series[i] = Labels.of("__name__", "metric_" + i, "instance", "host:9100", "job", "node");
    }
    Runnable batch =
        () -> {
          encoder.reset();
          for (Labels l : series) {
            encoder.startSeries(l);
            for (int s = 0; s < 20; s++) {
              encoder.sample(1_700_000_000_000L + s * 15_000L, s * 1.5);
            }
            encoder.endSeries();
          }
          encoder.finish();
        };
    for (int i = 0; i < 50; i++) {
      batch.run(); // grow the buffers to their steady size
    }
    long tid = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 100; i++) {
      batch.run();
    }
    long perBatch = (threads.getThreadAllocatedBytes(tid) - before) / 100;
    // 2000 samples per batch; a per-sample allocation would be tens of kilobytes per batch.
    assertThat(perBatch).isLessThan(1024);
  }

  @Test
  void malformedBodiesAreRejected() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2};
    assertThatThrownBy(() -> decoder.decode(garbage)).isInstanceOf(MalformedRequestException.class);
    assertThatThrownBy(() -> decoder.decode(new byte[0]))
        .isInstanceOf(MalformedRequestException.class);
    // Valid snappy around a protobuf whose series length runs past the end.
    byte[] truncated = snappy(new byte[] {0x0a, 0x10, 0x0a});
    assertThatThrownBy(() -> decoder.decode(truncated))
        .isInstanceOf(MalformedRequestException.class)
        .hasMessageContaining("overruns");
    assertThatThrownBy(() -> new WriteRequestDecoder(10).decode(snappy(new byte[100])))
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void unknownFieldsAndHistogramsAreSkipped() throws Exception {
    byte[] plain =
        new WriteRequestEncoder()
            .reset()
            .startSeries(Labels.of("a", "b"))
            .endSeries()
            .protobufBytes(); // 0a 08 | 0a 06 0a 01 61 12 01 62
    // The same series with an empty histogram (field 4) and an unknown varint field 9 in front,
    // then an unknown WriteRequest field 7.
    byte[] withExtras =
        HexFormat.of()
            .parseHex(
                "0a0c"
                    + "2200"
                    + "4805"
                    + HexFormat.of().formatHex(plain, 2, plain.length)
                    + "3801");
    WriteRequest r = decoder.decodeProtobuf(withExtras, 0, withExtras.length);
    assertThat(r.timeseries()).containsExactly(new TimeSeries(Labels.of("a", "b"), List.of()));
    assertThat(r.skippedHistograms()).isEqualTo(1);
  }

  private static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    int n = c.compress(raw, 0, raw.length, out, 0, out.length);
    return java.util.Arrays.copyOf(out, n);
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
