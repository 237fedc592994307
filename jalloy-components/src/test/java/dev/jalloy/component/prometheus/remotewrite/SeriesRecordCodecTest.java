package dev.jalloy.component.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesRecordCodecTest {
  /** Writes what it was told, one line per callback. */
  private static class Transcript implements SeriesRecordCodec.Visitor {
    final List<String> lines = new ArrayList<>();

    @Override
    public void series(long id, Labels labels) {
      lines.add("series " + id + " " + labels);
    }

    @Override
    public void sample(long id, long timestampMs, double value) {
      lines.add("sample " + id + " " + timestampMs + " " + value);
    }

    @Override
    public void exemplar(long id, Exemplar exemplar) {
      lines.add("exemplar " + id + " " + exemplar);
    }

    @Override
    public void metadata(Labels labels, Metadata metadata) {
      lines.add("metadata " + labels + " " + metadata);
    }

    @Override
    public void legacySample(Labels labels, long timestampMs, double value) {
      lines.add("legacy " + labels + " " + timestampMs + " " + value);
    }

    @Override
    public void legacyExemplar(Labels labels, Exemplar exemplar) {
      lines.add("legacy exemplar " + labels + " " + exemplar);
    }
  }

  private static List<String> read(byte[] record) throws IOException {
    Transcript t = new Transcript();
    SeriesRecordCodec.read(record, t);
    return t.lines;
  }

  @Test
  void everyEntryKindRoundTrips() throws IOException {
    Labels up = Labels.of("__name__", "up", "job", "node", "instance", "h:9100");
    Exemplar ex = new Exemplar(Labels.of("trace_id", "abc"), 1_700_000_000_500L, 0.25);
    byte[] record =
        new SeriesRecordCodec.Writer()
            .start()
            .series(7, up)
            .sample(7, 1_700_000_000_000L, 1)
            .sample(7, 1_699_999_999_000L, Double.NaN) // time going backwards: negative delta
            .sample(7, 1_700_000_005_000L, -0.5)
            .exemplar(7, ex)
            .metadata(Labels.of("__name__", "up"), new Metadata("gauge", "Up or down.", ""))
            .toByteArray();

    assertThat(read(record))
        .containsExactly(
            "series 7 " + up,
            "sample 7 1700000000000 1.0",
            "sample 7 1699999999000 NaN",
            "sample 7 1700000005000 -0.5",
            "exemplar 7 " + ex,
            "metadata {__name__=\"up\"} " + new Metadata("gauge", "Up or down.", ""));
  }

  @Test
  void staleMarkersKeepTheirBits() throws IOException {
    long[] bits = new long[1];
    byte[] record =
        new SeriesRecordCodec.Writer()
            .start()
            .series(1, Labels.of("__name__", "x"))
            .sample(1, 5, dev.jalloy.model.Samples.STALE_NAN)
            .toByteArray();
    SeriesRecordCodec.read(
        record,
        new Transcript() {
          @Override
          public void sample(long id, long timestampMs, double value) {
            bits[0] = Double.doubleToRawLongBits(value);
          }
        });
    assertThat(bits[0]).isEqualTo(Double.doubleToRawLongBits(dev.jalloy.model.Samples.STALE_NAN));
  }

  @Test
  void aSampleCostsAFewBytesNotItsLabels() {
    SeriesRecordCodec.Writer w = new SeriesRecordCodec.Writer().start();
    for (int i = 0; i < 500; i++) {
      w.sample(100_000 + i, 1_700_000_000_000L, i);
    }
    // version byte, then per sample: kind 1 + id 3 + the first delta 6, later 1 + value 8
    assertThat(w.toByteArray().length).isLessThan(500 * 14);
  }

  @Test
  void version1RecordsAreStillRead() throws IOException {
    Labels up = Labels.of("__name__", "up");
    byte[] v1 =
        WalEntryCodec.encode(
            List.of(
                new WalEntryCodec.SampleEntry(up, 10, 1),
                new WalEntryCodec.MetadataEntry(up, new Metadata("gauge", "h", ""))));
    assertThat(read(v1))
        .containsExactly(
            "legacy " + up + " 10 1.0", "metadata " + up + " " + new Metadata("gauge", "h", ""));
  }

  @Test
  void unknownVersionsAndTruncatedRecordsAreErrorsNotGarbage() {
    assertThatThrownBy(() -> read(new byte[] {9})).hasMessageContaining("version 9");
    byte[] ok =
        new SeriesRecordCodec.Writer()
            .start()
            .series(1, Labels.of("__name__", "x"))
            .sample(1, 5, 1)
            .toByteArray();
    byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 3);
    assertThatThrownBy(() -> read(cut)).isInstanceOf(IOException.class);
  }
}
