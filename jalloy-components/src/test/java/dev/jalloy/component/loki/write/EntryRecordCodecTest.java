package dev.jalloy.component.loki.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryRecordCodecTest {
  private static final List<LogEntry> ENTRIES =
      List.of(
          LogEntry.of(
              Labels.of("job", "a", "__tenant_id__", "t"), 1_700_000_000_000_000_000L, "one"),
          new LogEntry(Labels.of("job", "b"), -5, "é ✓ 😀", Labels.of("trace_id", "abc")),
          LogEntry.of(Labels.EMPTY, Long.MAX_VALUE, ""));

  @Test
  void roundTripsEveryField() {
    assertThat(EntryRecordCodec.decode(EntryRecordCodec.encode(ENTRIES))).isEqualTo(ENTRIES);
  }

  @Test
  void aRepeatedLabelSetIsWrittenOnce() {
    Labels l = Labels.of("filename", "/var/log/a-rather-long-file-name.log", "job", "varlogs");
    List<LogEntry> same = List.of(LogEntry.of(l, 1, "x"), LogEntry.of(l, 2, "y"));
    byte[] twice = EntryRecordCodec.encode(same);
    byte[] once = EntryRecordCodec.encode(same.subList(0, 1));
    assertThat(twice.length - once.length).isLessThan(8);
    assertThat(EntryRecordCodec.decode(twice)).isEqualTo(same);
  }

  /**
   * loki.process hands on a new label set per entry: a record of many sets has refs near its end
   * larger than the bytes left, which were once rejected as corrupt (and the entries dropped).
   */
  @Test
  void manyDistinctLabelSetsRoundTrip() {
    List<LogEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      entries.add(LogEntry.of(Labels.of("job", "j", "n", Integer.toString(i)), i, "l"));
    }
    assertThat(EntryRecordCodec.decode(EntryRecordCodec.encode(entries))).isEqualTo(entries);
  }

  @Test
  void equalLabelSetsThatAreDistinctObjectsAreWrittenOnce() {
    List<LogEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      entries.add(LogEntry.of(Labels.of("filename", "/var/log/app.log", "job", "j"), i, "l"));
    }
    byte[] all = EntryRecordCodec.encode(entries);
    assertThat(all.length).isLessThan(500 * 8);
    assertThat(EntryRecordCodec.decode(all)).isEqualTo(entries);
  }

  @Test
  void everyTruncationIsRejectedNotMisread() {
    byte[] full = EntryRecordCodec.encode(ENTRIES);
    for (int n = 0; n < full.length; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      assertThatThrownBy(() -> EntryRecordCodec.decode(cut))
          .as("cut at %d", n)
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] longer = Arrays.copyOf(full, full.length + 1);
    assertThatThrownBy(() -> EntryRecordCodec.decode(longer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
  }
}
