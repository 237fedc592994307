package dev.jalloy.component.loki.source.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.Health;
import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.component.loki.relabel.LokiRelabel;
import dev.jalloy.model.LogEntry;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.testkit.CollectingLogsReceiver;
import dev.jalloy.testkit.ComponentHarness;
import dev.jalloy.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loki.source.journal} over real journal files written by {@code systemd-journal-remote},
 * read through the real libsystemd.
 */
@SuppressWarnings("try") // some rigs only need to run while the body waits
class LokiSourceJournalTest {
  @TempDir Path dir;

  private final CollectingLogsReceiver sink = new CollectingLogsReceiver();

  private static final long NOW_USEC = System.currentTimeMillis() * 1000;
  private static final long MINUTE_USEC = 60_000_000L;

  private Path journalDir() {
    return dir.resolve("journal");
  }

  private Path journalFile() {
    return journalDir().resolve("test.journal");
  }

  private Path data() {
    return dir.resolve("data");
  }

  private LokiSourceJournal.Arguments args(
      String matches,
      Duration maxAge,
      Map<String, String> labels,
      RelabelRules rules,
      boolean json) {
    return new LokiSourceJournal.Arguments(
        List.of(sink),
        json,
        maxAge,
        journalDir().toString(),
        matches,
        labels,
        rules,
        Optional.empty());
  }

  private LokiSourceJournal.Arguments args() {
    return args("", Duration.ofHours(7), Map.of(), new RelabelRules(List.of()), false);
  }

  /** The rules of the {@code loki.relabel "journal"} block of a seed configuration. */
  private static RelabelRules seedRules(String config) throws Exception {
    String shared = System.getProperty("jalloy.shared.dir", "../../shared");
    String text = Files.readString(Path.of(shared, "configs", config));
    int start = text.indexOf("loki.relabel \"journal\" {");
    assertThat(start).as("loki.relabel \"journal\" in " + config).isGreaterThanOrEqualTo(0);
    int depth = 0;
    int end = start;
    for (int i = text.indexOf('{', start); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        end = i + 1;
        break;
      }
    }
    try (var h = ComponentHarness.start(LokiRelabel.REGISTRATION, text.substring(start, end))) {
      return h.exports(LokiRelabel.Exports.class).rules();
    }
  }

  /** Entries of every shape: syslog and journal transports, multi-line, binary, no message. */
  private static List<JournalFiles.Entry> mixedEntries() {
    long t = NOW_USEC - 30 * MINUTE_USEC;
    return List.of(
        JournalFiles.Entry.of(
            t,
            "MESSAGE",
            "pam_unix(cron:session): session opened",
            "PRIORITY",
            "6",
            "SYSLOG_IDENTIFIER",
            "CRON",
            "_TRANSPORT",
            "syslog",
            "_SYSTEMD_UNIT",
            "cron.service"),
        JournalFiles.Entry.of(
            t + 1,
            "MESSAGE",
            "first line\nsecond line <b>",
            "PRIORITY",
            "3",
            "SYSLOG_IDENTIFIER",
            "demo",
            "_TRANSPORT",
            "journal",
            "_SYSTEMD_UNIT",
            "demo.service"),
        JournalFiles.Entry.of(
            t + 2,
            "MESSAGE",
            "binary\u0000payload é".getBytes(StandardCharsets.UTF_8),
            "BLOB",
            new byte[] {0, 1, (byte) 0xff, '=', '\n'},
            "PRIORITY",
            "4",
            "_TRANSPORT",
            "stdout",
            "_SYSTEMD_UNIT",
            "blob.service"),
        JournalFiles.Entry.of(
            t + 3, "PRIORITY", "5", "_TRANSPORT", "journal", "_SYSTEMD_UNIT", "quiet.service"));
  }

  @Test
  void homelabRulesGiveUnitTransportLevelAndSyslogIdentifier() throws Exception {
    JournalFiles.write(journalFile(), mixedEntries());
    var labels = Map.of("job", "integrations/node_exporter", "instance", "nas", "host", "nas");
    try (var rig =
        new JournalRig(
            data(),
            args("", Duration.ofHours(12), labels, seedRules("host-homelab.alloy"), false))) {
      sink.awaitCount(3);
      Eventually.await(
          () ->
              rig.metric("loki_source_journal_target_parsing_errors_total{error=\"no_message\"}")
                  == 1,
          "the entry without MESSAGE counted");
      List<LogEntry> got = sink.entries();
      assertThat(got)
          .extracting(LogEntry::line)
          .containsExactly(
              "pam_unix(cron:session): session opened",
              "first line\nsecond line <b>",
              "binary\u0000payload é");
      var common = Map.of("job", "integrations/node_exporter", "instance", "nas", "host", "nas");
      assertThat(got.get(0).labels().toMap())
          .containsExactlyInAnyOrderEntriesOf(
              with(
                  common,
                  "unit",
                  "CRON",
                  "syslog_identifier",
                  "CRON",
                  "transport",
                  "syslog",
                  "level",
                  "info"));
      assertThat(got.get(1).labels().toMap())
          .containsExactlyInAnyOrderEntriesOf(
              with(
                  common,
                  "unit",
                  "demo.service",
                  "syslog_identifier",
                  "demo",
                  "transport",
                  "journal",
                  "level",
                  "error"));
      assertThat(got.get(2).labels().toMap())
          .containsExactlyInAnyOrderEntriesOf(
              with(common, "unit", "blob.service", "transport", "stdout", "level", "warning"));
      long t = NOW_USEC - 30 * MINUTE_USEC;
      assertThat(got)
          .extracting(LogEntry::timestampNanos)
          .containsExactly(t * 1000, (t + 1) * 1000, (t + 2) * 1000);
      assertThat(rig.metric("loki_source_journal_target_lines_total")).isEqualTo(3);
      assertThat(rig.component.currentHealth().state()).isEqualTo(Health.State.HEALTHY);
    }
  }

  @Test
  void simpleRulesLabelEveryEntryWithJobWhenLabelsAreEmpty() throws Exception {
    JournalFiles.write(journalFile(), mixedEntries());
    try (var rig =
        new JournalRig(
            data(),
            args("", Duration.ofHours(24), Map.of(), seedRules("host-simple.alloy"), false))) {
      sink.awaitCount(3);
      assertThat(sink.entries().get(0).labels().toMap())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "job", JournalRig.ID,
                  "unit", "cron.service",
                  "transport", "syslog",
                  "level", "info"));
    }
  }

  private static Map<String, String> with(Map<String, String> base, String... kv) {
    var m = new java.util.HashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void formatAsJsonSendsEveryFieldAsPromtailDoes() throws Exception {
    JournalFiles.write(journalFile(), mixedEntries().subList(1, 2));
    try (var rig =
        new JournalRig(
            data(), args("", Duration.ofHours(7), Map.of(), new RelabelRules(List.of()), true))) {
      sink.awaitCount(1);
      assertThat(sink.entries().getFirst().line())
          .isEqualTo(
              "{\"MESSAGE\":\"first line\\nsecond line \\u003cb\\u003e\",\"PRIORITY\":\"3\","
                  + "\"SYSLOG_IDENTIFIER\":\"demo\",\"_BOOT_ID\":\""
                  + JournalFiles.BOOT_ID
                  + "\",\"_SYSTEMD_UNIT\":\"demo.service\",\"_TRANSPORT\":\"journal\"}");
    }
  }

  @Test
  void maxAgeBoundsWhereReadingStartsWithoutACursor() throws Exception {
    JournalFiles.write(
        journalFile(),
        List.of(
            JournalFiles.Entry.of(NOW_USEC - 600 * MINUTE_USEC, "MESSAGE", "ten hours ago"),
            JournalFiles.Entry.of(NOW_USEC - 120 * MINUTE_USEC, "MESSAGE", "two hours ago"),
            JournalFiles.Entry.of(NOW_USEC - 30 * MINUTE_USEC, "MESSAGE", "half an hour ago")));
    try (var rig = new JournalRig(data(), args())) { // the default 7h
      sink.awaitCount(2);
      rig.close();
      assertThat(sink.lines()).containsExactly("two hours ago", "half an hour ago");
    }
    sink.clear();
    try (var rig =
        new JournalRig(
            dir.resolve("data2"),
            args("", Duration.ofMinutes(90), Map.of(), new RelabelRules(List.of()), false))) {
      sink.awaitCount(1);
      rig.close();
      assertThat(sink.lines()).containsExactly("half an hour ago");
    }
  }

  @Test
  void matchesAndDifferentFieldsButOrTheSameField() throws Exception {
    JournalFiles.write(journalFile(), mixedEntries());
    try (var rig =
        new JournalRig(
            data(),
            args(
                "_SYSTEMD_UNIT=demo.service PRIORITY=3",
                Duration.ofHours(7),
                Map.of(),
                new RelabelRules(List.of()),
                false))) {
      sink.awaitCount(1);
      Eventually.await(() -> rig.component.cursor().isPresent(), "a cursor stored");
      rig.close();
      assertThat(sink.lines()).containsExactly("first line\nsecond line <b>");
    }
    sink.clear();
    try (var rig =
        new JournalRig(
            dir.resolve("data2"),
            args(
                "_SYSTEMD_UNIT=demo.service _SYSTEMD_UNIT=blob.service",
                Duration.ofHours(7),
                Map.of(),
                new RelabelRules(List.of()),
                false))) {
      sink.awaitCount(2);
      rig.close();
      assertThat(sink.lines())
          .containsExactly("first line\nsecond line <b>", "binary\u0000payload é");
    }
  }

  private static List<JournalFiles.Entry> numbered(int from, int to) {
    long t = NOW_USEC - 60 * MINUTE_USEC;
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> JournalFiles.Entry.of(t + i, "MESSAGE", "entry " + i, "PRIORITY", "6"))
        .toList();
  }

  private static List<String> lines(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "entry " + i).toList();
  }

  @Test
  void restartsResumeAfterTheCursorWithoutGapsOrRepeats() throws Exception {
    JournalFiles.write(journalFile(), numbered(1, 600));
    sink.delayEachBatch(Duration.ofMillis(5));
    List<String> seen = new ArrayList<>();
    try (var rig = new JournalRig(data(), args(), 10)) {
      sink.awaitCount(150);
      rig.close(); // stops mid-stream, entries still unread
    }
    seen.addAll(sink.lines());
    assertThat(seen).hasSizeLessThan(600);
    sink.clear();
    sink.delayEachBatch(Duration.ZERO);
    try (var rig = new JournalRig(data(), args(), 10)) {
      sink.awaitCount(600 - seen.size());
      // followed live: entries appended while it runs arrive too
      JournalFiles.write(journalFile(), numbered(601, 700));
      sink.awaitCount(700 - seen.size());
      Eventually.await(
          () -> rig.component.debugInfo().isRunning(), "the reader follows the journal");
      rig.close();
    }
    seen.addAll(sink.lines());
    assertThat(seen).containsExactlyElementsOf(lines(1, 700));
    sink.clear();
    try (var rig = new JournalRig(data(), args(), 10)) {
      Eventually.await(() -> rig.component.debugInfo().isRunning(), "the reader at the end");
      JournalFiles.write(journalFile(), numbered(701, 710));
      sink.awaitCount(10);
      rig.close();
    }
    assertThat(sink.lines()).containsExactlyElementsOf(lines(701, 710));
  }

  @Test
  void aFileAddedWhileFollowingIsRead() throws Exception {
    JournalFiles.write(journalFile(), numbered(1, 3));
    try (var rig = new JournalRig(data(), args())) {
      sink.awaitCount(3);
      Eventually.await(() -> rig.component.debugInfo().isRunning(), "following");
      // journald rotates by starting a new file beside the archived one
      JournalFiles.write(journalDir().resolve("system@rotated.journal"), numbered(4, 6));
      sink.awaitCount(6);
      rig.close();
    }
    assertThat(sink.lines()).containsExactlyElementsOf(lines(1, 6));
  }

  @Test
  void theCursorAdvancesOnlyAfterForwardToAccepted() throws Exception {
    JournalFiles.write(journalFile(), numbered(1, 5));
    java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    var refusing =
        new LokiSourceJournal.Arguments(
            List.of(
                entries -> {
                  attempts.incrementAndGet();
                  throw new IllegalStateException("component exited");
                }),
            false,
            Duration.ofHours(7),
            journalDir().toString(),
            "",
            Map.of(),
            new RelabelRules(List.of()),
            Optional.empty());
    try (var rig = new JournalRig(data(), refusing)) {
      Eventually.await(() -> attempts.get() >= 2, "a retried batch");
      assertThat(rig.component.cursor()).isEmpty();
    }
    try (var rig = new JournalRig(data(), args())) {
      sink.awaitCount(5);
      rig.close();
    }
    assertThat(sink.lines()).containsExactlyElementsOf(lines(1, 5));
  }

  @Test
  void anUpdateRestartsTheReaderFromTheCursor() throws Exception {
    JournalFiles.write(journalFile(), mixedEntries());
    try (var rig = new JournalRig(data(), args())) {
      sink.awaitCount(3);
      Eventually.await(() -> rig.component.cursor().isPresent(), "a cursor");
      rig.component.update(
          args("", Duration.ofHours(7), Map.of("env", "test"), new RelabelRules(List.of()), false));
      JournalFiles.write(
          journalFile(),
          List.of(JournalFiles.Entry.of(NOW_USEC - MINUTE_USEC, "MESSAGE", "after the update")));
      sink.awaitCount(4);
      rig.close();
    }
    assertThat(sink.lines()).hasSize(4).endsWith("after the update");
    assertThat(sink.entries().getLast().labels().toMap())
        .isEqualTo(Map.of("job", JournalRig.ID, "env", "test"));
  }

  @Test
  void theCursorIsInAlloysPositionsFile() throws Exception {
    JournalFiles.write(journalFile(), numbered(1, 3));
    try (var rig = new JournalRig(data(), args())) {
      sink.awaitCount(3);
      Eventually.await(() -> rig.component.cursor().isPresent(), "a cursor");
    }
    String yaml = Files.readString(data().resolve("positions.yml"));
    assertThat(yaml)
        .startsWith("positions:\n  ? path: \"cursor-" + JournalRig.ID + "\"\n    labels: \"\"\n")
        .containsPattern("  : \"s=[0-9a-f]+;i=3;b=" + JournalFiles.BOOT_ID + ";m=[0-9a-f]+;t=");
  }

  @Test
  void aCursorRotatedAwayResumesAtTheOldestLaterEntryCountedOnce() throws Exception {
    JournalFiles.write(journalFile(), numbered(1, 5));
    try (var rig = new JournalRig(data(), args())) {
      sink.awaitCount(5);
      Eventually.await(() -> rig.component.cursor().isPresent(), "a cursor");
    }
    // the journal is replaced: vacuumed, rotated; the stored cursor's entry no longer exists
    Files.delete(journalFile());
    JournalFiles.write(journalDir().resolve("next.journal"), numbered(6, 9));
    sink.clear();
    try (var rig = new JournalRig(data(), args())) {
      sink.awaitCount(4);
      rig.close();
      assertThat(sink.lines()).containsExactlyElementsOf(lines(6, 9));
      assertThat(rig.metric("loki_source_journal_cursor_lost_total")).isEqualTo(1);
    }
  }

  @Test
  void aCursorLibsystemdRejectsStartsMaxAgeBackInsteadOfStalling() throws Exception {
    JournalFiles.write(journalFile(), numbered(1, 3));
    Files.createDirectories(data());
    Files.writeString(
        data().resolve("positions.yml"),
        "positions:\n  ? path: \"cursor-"
            + JournalRig.ID
            + "\"\n    labels: \"\"\n  : \"garbage\"\n");
    try (var rig = new JournalRig(data(), args())) {
      sink.awaitCount(3);
      rig.close();
      assertThat(sink.lines()).containsExactlyElementsOf(lines(1, 3));
      assertThat(rig.metric("loki_source_journal_cursor_lost_total")).isEqualTo(1);
    }
  }

  @Test
  void aMissingPathIsUnhealthyWithWhatToMountThenRecovers() throws Exception {
    try (var rig = new JournalRig(data(), args())) {
      Health h =
          Eventually.await(
              Duration.ofSeconds(10),
              rig.component::currentHealth,
              x -> x.state() == Health.State.UNHEALTHY,
              "unhealthy");
      assertThat(h.message())
          .contains("journal path " + journalDir() + " does not exist")
          .contains("mount the host's journal directory");
      JournalFiles.write(journalFile(), numbered(1, 2));
      sink.awaitCount(2);
      assertThat(rig.component.currentHealth().state()).isEqualTo(Health.State.HEALTHY);
    }
  }

  @Test
  void anEmptyDirectoryIsUnhealthyToo() throws Exception {
    Files.createDirectories(journalDir());
    try (var rig = new JournalRig(data(), args())) {
      Health h =
          Eventually.await(
              Duration.ofSeconds(10),
              rig.component::currentHealth,
              x -> x.state() == Health.State.UNHEALTHY,
              "unhealthy");
      assertThat(h.message()).contains("no journal files found in " + journalDir());
    }
  }

  @Test
  void decodesWithAlloysDefaultsAndRejectsBadMatches() {
    Decoded<LokiSourceJournal.Arguments> d =
        ComponentHarness.decode(
            LokiSourceJournal.REGISTRATION, "loki.source.journal \"x\" {\n  forward_to = []\n}\n");
    assertThat(d.ok()).as(d.diagnostics().toString()).isTrue();
    var a = d.value().orElseThrow();
    assertThat(a.maxAge()).isEqualTo(Duration.ofHours(7));
    assertThat(a.path()).isEmpty();
    assertThat(a.formatAsJson()).isFalse();
    Decoded<LokiSourceJournal.Arguments> legacy =
        ComponentHarness.decode(
            LokiSourceJournal.REGISTRATION,
            """
            loki.source.journal "x" {
              forward_to     = []
              path           = "/var/log/journal"
              matches        = "_SYSTEMD_UNIT=ssh.service PRIORITY=3"
              format_as_json = true
              max_age        = "12h0m0s"
              labels         = {job = "systemd-journal"}
              legacy_position {
                file = "/var/lib/promtail/positions.yml"
                name = "journal"
              }
            }
            """);
    assertThat(legacy.ok()).as(legacy.diagnostics().toString()).isTrue();
    var l = legacy.value().orElseThrow();
    assertThat(l.legacyPosition())
        .contains(
            new LokiSourceJournal.LegacyPosition("/var/lib/promtail/positions.yml", "journal"));
    assertThat(l.matchTerms()).containsExactly("_SYSTEMD_UNIT=ssh.service", "PRIORITY=3");
    assertThat(l.maxAge()).isEqualTo(Duration.ofHours(12));
    assertThat(l.formatAsJson()).isTrue();
    Decoded<LokiSourceJournal.Arguments> bad =
        ComponentHarness.decode(
            LokiSourceJournal.REGISTRATION,
            "loki.source.journal \"x\" {\n  forward_to = []\n  matches = \"_SYSTEMD_UNIT\"\n}\n");
    assertThat(bad.ok()).isFalse();
    assertThat(bad.diagnostics().toString()).contains("'matches'");
  }

  @Test
  void legacyPositionImportsPromtailsCursor() throws Exception {
    JournalFiles.write(journalFile(), numbered(1, 4));
    String cursor;
    try (var rig = new JournalRig(dir.resolve("probe"), args())) {
      sink.awaitCount(4);
      Eventually.await(() -> rig.component.cursor().isPresent(), "a cursor");
      cursor = rig.component.cursor().orElseThrow();
    }
    JournalFiles.write(journalFile(), numbered(5, 6));
    Path legacy = dir.resolve("promtail-positions.yml");
    Files.writeString(legacy, "positions:\n  cursor-journal: \"" + cursor + "\"\n");
    sink.clear();
    var a = args();
    a =
        new LokiSourceJournal.Arguments(
            a.forwardTo(),
            a.formatAsJson(),
            a.maxAge(),
            a.path(),
            a.matches(),
            a.labels(),
            a.relabelRules(),
            Optional.of(new LokiSourceJournal.LegacyPosition(legacy.toString(), "journal")));
    try (var rig = new JournalRig(data(), a)) {
      sink.awaitCount(2);
      rig.close();
    }
    assertThat(sink.lines()).containsExactlyElementsOf(lines(5, 6));
  }
}
