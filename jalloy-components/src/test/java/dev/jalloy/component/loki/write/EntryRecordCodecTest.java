package dev.jalloy.component.loki.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import java.nio.charset.StandardCharsets;
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

  /** More sets than the record's short list holds, repeating as equal but distinct objects. */
  @Test
  void setsBeyondTheShortListAreStillWrittenOnce() {
    List<LogEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String n = Integer.toString(i % 40);
      entries.add(LogEntry.of(Labels.of("job", "j", "n", n), i, "l"));
    }
    byte[] all = EntryRecordCodec.encode(entries);
    assertThat(all.length).isLessThan(40 * 20 + 1_000 * 8); // each set once, not once per entry
    assertThat(EntryRecordCodec.decode(all)).isEqualTo(entries);
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

  /**
   * A record as the first queue format wrote it, byte by byte: queues written before lines were
   * read back as bytes still decode, both as entries and as the sender's view.
   */
  @Test
  void aVersionOneRecordFromAnExistingQueueDecodes() {
    byte[] record =
        java.util.HexFormat.of()
            .parseHex(
                String.join(
                    "",
                    "01", // version 1
                    "03", // 3 entries
                    "00", // label set 0, new:
                    "01",
                    "036a6f62",
                    "0161", // {job="a"}
                    "04", // timestamp 2 (zigzag)
                    "026869", // "hi"
                    "00", // no metadata
                    "00", // label set 0 again
                    "03", // timestamp -2
                    "04c3a92121", // "é!!"
                    "01",
                    "0174",
                    "0178", // metadata {t="x"}
                    "01", // label set 1, new:
                    "00", // {}
                    "00", // timestamp 0
                    "00", // ""
                    "00"));
    List<LogEntry> expected =
        List.of(
            LogEntry.of(Labels.of("job", "a"), 2, "hi"),
            new LogEntry(Labels.of("job", "a"), -2, "é!!", Labels.of("t", "x")),
            LogEntry.of(Labels.EMPTY, 0, ""));
    assertThat(EntryRecordCodec.decode(record)).isEqualTo(expected);
    assertThat(EntryRecordCodec.encode(expected)).isEqualTo(record);

    EntryRecordCodec.View v = new EntryRecordCodec.View();
    EntryRecordCodec.decode(record, v);
    assertThat(v.size).isEqualTo(3);
    assertThat(v.sets).containsExactly(Labels.of("job", "a"), Labels.EMPTY);
    assertThat(new String(v.record, v.lineOffsets[1], v.lineLengths[1], StandardCharsets.UTF_8))
        .isEqualTo("é!!");
    assertThat(v.labels(1)).isEqualTo(Labels.of("job", "a"));
    assertThat(v.metadata(0)).isEqualTo(Labels.EMPTY);
    assertThat(v.metadata(1)).isEqualTo(Labels.of("t", "x"));
    assertThat(v.timestamps).startsWith(2, -2, 0);
  }

  @Test
  void aReusedViewForgetsTheLastRecordAndKeepsNothingOfACorruptOne() {
    EntryRecordCodec.View v = new EntryRecordCodec.View();
    EntryRecordCodec.decode(EntryRecordCodec.encode(ENTRIES), v);
    assertThat(v.size).isEqualTo(3);
    byte[] one = EntryRecordCodec.encode(List.of(LogEntry.of(Labels.of("job", "z"), 7, "z")));
    EntryRecordCodec.decode(one, v);
    assertThat(v.size).isEqualTo(1);
    assertThat(v.sets).containsExactly(Labels.of("job", "z"));
    assertThat(v.metadata(0)).isEqualTo(Labels.EMPTY);
    byte[] cut = Arrays.copyOf(EntryRecordCodec.encode(ENTRIES), 12);
    assertThatThrownBy(() -> EntryRecordCodec.decode(cut, v))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(v.size).isZero();
  }

  @Test
  void linesOfEveryKindRoundTripAsTheJdkEncodesThem() {
    List<String> lines =
        List.of(
            "ascii",
            "é à ÿ",
            "✓ 日本",
            "😀 𝄞",
            "lone \uD83D high",
            "lone \uDE00 low",
            "x".repeat(70000));
    List<LogEntry> entries = new java.util.ArrayList<>();
    for (String l : lines) {
      entries.add(LogEntry.of(Labels.of("job", "j"), 1, l));
    }
    EntryRecordCodec.View v = new EntryRecordCodec.View();
    EntryRecordCodec.decode(EntryRecordCodec.encode(entries), v);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(
              Arrays.copyOfRange(v.record, v.lineOffsets[i], v.lineOffsets[i] + v.lineLengths[i]))
          .isEqualTo(lines.get(i).getBytes(StandardCharsets.UTF_8));
    }
  }
}
