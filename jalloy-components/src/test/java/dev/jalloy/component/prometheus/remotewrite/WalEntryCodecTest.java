package dev.jalloy.component.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.prometheus.remotewrite.WalEntryCodec.Entry;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Metadata;
import dev.jalloy.model.Samples;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalEntryCodecTest {
  @Test
  void everyKindOfEntryRoundTripsTheStaleMarkerBitForBit() throws IOException {
    Labels up = Labels.of("__name__", "up", "job", "node", "unicode", "é✓");
    List<Entry> entries =
        List.of(
            new WalEntryCodec.SampleEntry(up, 1_700_000_000_000L, 1.5),
            new WalEntryCodec.SampleEntry(up, 1_700_000_000_001L, Samples.STALE_NAN),
            new WalEntryCodec.ExemplarEntry(
                up, new Exemplar(Labels.of("trace_id", "abc"), 7, 0.25)),
            new WalEntryCodec.MetadataEntry(up, new Metadata("gauge", "Is it up", "")));

    List<Entry> back = WalEntryCodec.decode(WalEntryCodec.encode(entries));

    assertThat(back).hasSize(4);
    assertThat(back.get(0)).isEqualTo(entries.get(0));
    assertThat(Samples.isStale(((WalEntryCodec.SampleEntry) back.get(1)).value())).isTrue();
    assertThat(back.get(2)).isEqualTo(entries.get(2));
    assertThat(back.get(3)).isEqualTo(entries.get(3));
  }

  @Test
  void aPayloadOfAnotherVersionIsRefused() {
    assertThatThrownBy(() -> WalEntryCodec.decode(new byte[] {9, 0, 0, 0, 0}))
        .isInstanceOf(IOException.class)
        .hasMessage("unknown WAL record version 9");
  }
}
