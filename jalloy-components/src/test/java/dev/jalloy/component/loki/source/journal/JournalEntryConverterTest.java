package dev.jalloy.component.loki.source.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.common.relabel.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalEntryConverterTest {
  @ParameterizedTest(name = "PRIORITY={0} is {1}")
  @CsvSource({
    "0,emerg",
    "1,alert",
    "2,crit",
    "3,error",
    "4,warning",
    "5,notice",
    "6,info",
    "7,debug",
    "8,8",
    "x,x"
  })
  void priorityKeywordsArePromtails(String priority, String keyword) {
    var c = new JournalEntryConverter("loki.source.journal.t", Map.of(), List.of(), false);
    c.reset();
    c.add("MESSAGE", "m");
    c.add("PRIORITY", priority);
    var labels = c.convert(1).entry().orElseThrow().labels();
    assertThat(labels.toMap()).containsEntry("job", "loki.source.journal.t");
    // internal labels are gone after relabeling; keep one to look at it
    var keep =
        new Rule(List.of("__journal_priority_keyword"), ";", "(.*)", 0, "level", "$1", "replace");
    var k = new JournalEntryConverter("j", Map.of(), List.of(keep), false);
    k.reset();
    k.add("MESSAGE", "m");
    k.add("PRIORITY", priority);
    assertThat(k.convert(1).entry().orElseThrow().labels().get("level")).isEqualTo(keyword);
  }

  @Test
  void labelsArgumentWinsOverJobAndEveryFieldIsLowercasedWithThePrefix() {
    var rule =
        new Rule(List.of("__journal__systemd_unit"), ";", "(.*)", 0, "unit", "$1", "replace");
    var c = new JournalEntryConverter("id", Map.of("job", "mine"), List.of(rule), false);
    c.reset();
    c.add("MESSAGE", "hello");
    c.add("_SYSTEMD_UNIT", "a.service");
    var e = c.convert(5).entry().orElseThrow();
    assertThat(e.labels().toMap()).isEqualTo(Map.of("job", "mine", "unit", "a.service"));
    assertThat(e.timestampNanos()).isEqualTo(5);
  }

  @Test
  void noMessageAndEmptyLabelsAreSkippedWithAlloysReasons() {
    var c = new JournalEntryConverter("id", Map.of(), List.of(), false);
    c.reset();
    c.add("PRIORITY", "3");
    assertThat(c.convert(1).skip()).contains(JournalEntryConverter.Skip.NO_MESSAGE);
    var dropJob = new Rule(List.of(), ";", "job", 0, "", "$1", "labeldrop");
    var d = new JournalEntryConverter("id", Map.of(), List.of(dropJob), false);
    d.reset();
    d.add("MESSAGE", "m");
    assertThat(d.convert(1).skip()).contains(JournalEntryConverter.Skip.EMPTY_LABELS);
  }

  @Test
  void jsonIsGoEncodingJsonOfTheFieldMap() {
    var c = new JournalEntryConverter("id", Map.of(), List.of(), true);
    c.reset();
    c.add("MESSAGE", "a\"b\\c\n<&>\u0001\u2028");
    c.add("A", "first");
    c.add("A", "last"); // a repeated field: the map keeps the last
    assertThat(c.convert(1).entry().orElseThrow().line())
        .isEqualTo(
            "{\"A\":\"last\",\"MESSAGE\":\"a\\\"b\\\\c\\n\\u003c\\u0026\\u003e\\u0001\\u2028\"}");
  }

  @Test
  void labelmapSeesEveryField() {
    var map = new Rule(List.of(), ";", "__journal_(.+)", 0, "", "$1", "labelmap");
    var c = new JournalEntryConverter("id", Map.of(), List.of(map), false);
    c.reset();
    c.add("MESSAGE", "m");
    c.add("_SYSTEMD_UNIT", "u.service");
    c.add("PRIORITY", "2");
    assertThat(c.convert(1).entry().orElseThrow().labels().toMap())
        .isEqualTo(
            Map.of(
                "job", "id",
                "message", "m",
                "_systemd_unit", "u.service",
                "priority", "2",
                "priority_keyword", "crit"));
  }
}
