package dev.jalloy.component.loki.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.testkit.CollectingLogsReceiver;
import dev.jalloy.testkit.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@SuppressWarnings("try") // some rigs only need to run while the body writes files
class LokiSourceFileTest {
  @TempDir Path dir;

  private final CollectingLogsReceiver sink = new CollectingLogsReceiver();

  private Path data() {
    return dir.resolve("data");
  }

  private LokiSourceFile.Arguments args(Path file) {
    return args(file, false, "", Optional.empty(), "restart_from_beginning");
  }

  private LokiSourceFile.Arguments args(
      Path file,
      boolean tailFromEnd,
      String encoding,
      Optional<LokiSourceFile.Decompression> decompression,
      String onError) {
    return new LokiSourceFile.Arguments(
        List.of(Map.of("__path__", file.toString(), "job", "app", "__internal", "x")),
        List.of(sink),
        encoding,
        tailFromEnd,
        onError,
        "",
        decompression,
        new LokiSourceFile.FileWatch(Duration.ofMillis(5), Duration.ofMillis(20)),
        LokiSourceFile.FileMatch.defaults());
  }

  private static void awaitOffset(SourceFileRig rig, long offset) {
    Eventually.await(
        () -> rig.component.debugInfo().targets().stream().anyMatch(t -> t.readOffset() == offset),
        "read offset " + offset);
  }

  private static List<String> numbered(String prefix, int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
  }

  private static void append(Path file, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    append(file, sb.toString());
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void linesAreSplitLabelledAndHeldUntilComplete() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, "first\nsecond\r\nthi");
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(2);
      append(f, "rd\n");
      sink.awaitCount(3);
      assertThat(sink.lines()).containsExactly("first", "second", "third");
      LogEntry e = sink.entries().getFirst();
      assertThat(e.labels()).isEqualTo(Labels.of("job", "app", "filename", f.toString()));
      assertThat(e.timestampNanos()).isLessThan(sink.entries().get(1).timestampNanos());
      assertThat(rig.metric("loki_source_file_read_lines_total{path=\"" + f + "\"}")).isEqualTo(3);
      assertThat(rig.metric("loki_source_file_files_active")).isEqualTo(1);
      assertThat(rig.component.debugInfo().targets())
          .singleElement()
          .satisfies(t -> assertThat(t.readOffset()).isEqualTo(Files.size(f)));
    }
  }

  @Test
  void thePositionAdvancesOnlyAfterForwardToAccepted() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 10));
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    dev.jalloy.model.LogsReceiver blocking =
        entries -> {
          entered.countDown();
          release.await();
          sink.receive(entries);
        };
    try (var rig = new SourceFileRig(data(), forwardingTo(f, blocking))) {
      assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      rig.component.sync();
      assertThat(rig.component.positions().snapshot()).isEmpty();
      assertThat(data().resolve("positions.yml")).doesNotExist();
      release.countDown();
      awaitOffset(rig, Files.size(f));
      assertThat(rig.component.positions().snapshot()).containsValue(Long.toString(Files.size(f)));
    }
  }

  private LokiSourceFile.Arguments forwardingTo(Path f, dev.jalloy.model.LogsReceiver receiver) {
    LokiSourceFile.Arguments a = args(f);
    return with(a, a.targets(), List.of(receiver), "");
  }

  /** {@code a} with other targets, receivers and legacy positions file; the rest as {@code a}. */
  private static LokiSourceFile.Arguments with(
      LokiSourceFile.Arguments a,
      List<Map<String, String>> targets,
      List<dev.jalloy.model.LogsReceiver> forwardTo,
      String legacyPositionsFile) {
    return new LokiSourceFile.Arguments(
        targets,
        forwardTo,
        a.encoding(),
        a.tailFromEnd(),
        a.onPositionsFileError(),
        legacyPositionsFile,
        a.decompression(),
        a.fileWatch(),
        a.fileMatch());
  }

  /** The stored position of the only file, or -1 when none is stored yet. */
  private static long storedPosition(SourceFileRig rig) {
    return rig.component.positions().snapshot().values().stream()
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElse(-1);
  }

  /**
   * Reading goes on while a batch is delivered, but batches reach forward_to one at a time and in
   * order, split at the batch limit, and when a batch arrives the stored position has not passed
   * its first line: it is committed only after receive returned for every line before it.
   */
  @Test
  void handOffsArriveOneAtATimeInOrderAndCommitOnlyWhatWasReceived() throws Exception {
    Path f = dir.resolve("app.log");
    List<String> lines = numbered("line-", 1, 60_000);
    append(f, lines);
    long[] lineStart = new long[lines.size() + 1];
    for (int i = 0; i < lines.size(); i++) {
      lineStart[i + 1] = lineStart[i] + lines.get(i).length() + 1;
    }
    java.util.concurrent.atomic.AtomicInteger inside =
        new java.util.concurrent.atomic.AtomicInteger();
    List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    SourceFileRig[] rigRef = new SourceFileRig[1];
    dev.jalloy.model.LogsReceiver checking =
        entries -> {
          if (inside.incrementAndGet() != 1) {
            violations.add("two receive calls at once");
          }
          try {
            int first = sink.entries().size(); // index of this batch's first line
            if (rigRef[0] != null && storedPosition(rigRef[0]) > lineStart[first]) {
              violations.add("position " + storedPosition(rigRef[0]) + " passed line " + first);
            }
            sizes.add(entries.size());
            Thread.sleep(2); // slower than reading: the tailer reads ahead meanwhile
            sink.receive(entries);
          } finally {
            inside.decrementAndGet();
          }
        };
    try (var rig = new SourceFileRig(data(), forwardingTo(f, checking), 1 << 20, 700)) {
      rigRef[0] = rig;
      sink.awaitCount(lines.size());
      awaitOffset(rig, Files.size(f));
      assertThat(sink.lines()).containsExactlyElementsOf(lines);
      assertThat(violations).isEmpty();
      assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(1, 700));
      assertThat(sizes.size()).isGreaterThanOrEqualTo(60_000 / 700);
      assertThat(storedPosition(rig)).isEqualTo(Files.size(f));
    }
  }

  /**
   * A receiver that throws (its component exited) keeps the position where it was and gets the same
   * lines again; a reader stopped while a hand-off is blocked in receive commits nothing of it.
   */
  @Test
  void aFailingOrBlockedReceiverNeverAdvancesThePosition() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 10));
    long firstTen = Files.size(f);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
    dev.jalloy.model.LogsReceiver flaky =
        entries -> {
          int call = calls.incrementAndGet();
          if (call == 1) {
            throw new IllegalStateException("component exited");
          }
          if (entries.getFirst().line().startsWith("b")) {
            blocked.countDown();
            new java.util.concurrent.CountDownLatch(1).await(); // until interrupted
          }
          sink.receive(entries);
        };
    try (var rig = new SourceFileRig(data(), forwardingTo(f, flaky))) {
      sink.awaitCount(10); // the retry, a second later
      assertThat(calls.get()).isEqualTo(2);
      awaitOffset(rig, firstTen);
      append(f, numbered("b", 1, 5));
      assertThat(blocked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(storedPosition(rig)).isEqualTo(firstTen);
    } // stops the reader while its hand-off is blocked in receive
    assertThat(sink.lines()).containsExactlyElementsOf(numbered("a", 1, 10));
    assertThat(Files.readString(data().resolve("positions.yml"))).contains("\"" + firstTen + "\"");
  }

  @Test
  void renameAndCreateDeliversEveryLineOnce() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 100));
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(100);
      append(f, numbered("a", 101, 150)); // written just before the rename, maybe not read yet
      Files.move(f, dir.resolve("app.log.1"));
      append(dir.resolve("app.log.1"), numbered("a", 151, 160)); // writer not reopened yet
      append(f, numbered("b", 1, 100));
      sink.awaitCount(260);
      Eventually.await(() -> rig.component.positions().snapshot().size() == 1, "position");
      assertThat(sink.lines())
          .containsExactlyElementsOf(concat(numbered("a", 1, 160), numbered("b", 1, 100)));
      assertThat(rig.metric("loki_source_file_rotations_total{kind=\"rename\"}")).isEqualTo(1);
    }
  }

  @Test
  void copytruncateDeliversEveryLineOnce() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 100));
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(100);
      Files.copy(f, dir.resolve("app.log.1"));
      Files.write(f, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
      append(f, numbered("b", 1, 5));
      sink.awaitCount(105);
      assertThat(sink.lines())
          .containsExactlyElementsOf(concat(numbered("a", 1, 100), numbered("b", 1, 5)));
      assertThat(rig.metric("loki_source_file_rotations_total{kind=\"truncate\"}")).isEqualTo(1);
    }
  }

  @Test
  void truncatedAndRegrownPastTheOffsetIsFoundByItsFirstBytes() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 3));
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(3);
      // one write: the file is never seen shorter than the offset
      Files.writeString(f, String.join("\n", numbered("bbbbbbbbbb", 1, 5)) + "\n");
      sink.awaitCount(8);
      assertThat(sink.lines())
          .containsExactlyElementsOf(concat(numbered("a", 1, 3), numbered("bbbbbbbbbb", 1, 5)));
    }
  }

  @Test
  void twoRotationsWhileDownstreamIsSlowLoseNothing() throws Exception {
    Path f = dir.resolve("app.log");
    sink.delayEachBatch(Duration.ofMillis(15));
    append(f, numbered("a", 1, 1000));
    try (var rig = new SourceFileRig(data(), args(f), 1 << 20, 25)) {
      Eventually.await(() -> !sink.lines().isEmpty(), "reading started");
      Files.move(f, dir.resolve("app.log.1"));
      append(f, numbered("b", 1, 1000));
      Thread.sleep(100); // the middle file lives at the path for a while, as with logrotate
      Files.move(dir.resolve("app.log.1"), dir.resolve("app.log.2"));
      Files.move(f, dir.resolve("app.log.1"));
      append(f, numbered("c", 1, 1000));
      assertThat(sink.lines().size()).as("rotations happened while busy").isLessThan(1000);
      sink.awaitCount(3000);
      List<String> expected = new ArrayList<>(numbered("a", 1, 1000));
      expected.addAll(numbered("b", 1, 1000));
      expected.addAll(numbered("c", 1, 1000));
      assertThat(sink.lines()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void restartResumesFromThePositionsFileWithoutRepeats() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 100));
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(100);
      awaitOffset(rig, Files.size(f));
    }
    String yaml = Files.readString(data().resolve("positions.yml"));
    assertThat(yaml)
        .isEqualTo(
            "positions:\n  ? path: \""
                + f
                + "\"\n    labels: \"{job=\\\"app\\\"}\"\n  : \""
                + Files.size(f)
                + "\"\n");
    append(f, numbered("b", 1, 50));
    sink.clear();
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(50);
      Thread.sleep(50); // several polls: nothing else arrives
      assertThat(sink.lines()).containsExactlyElementsOf(numbered("b", 1, 50));
    }
  }

  @Test
  void killLikeRestartReReadsAfterTheLastStoredPositionAndLosesNothing() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 100));
    List<String> firstRun;
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(100);
      awaitOffset(rig, Files.size(f));
      rig.component.sync(); // the periodic write
      append(f, numbered("a", 101, 150));
      sink.awaitCount(150);
      firstRun = sink.lines();
      rig.crash();
    }
    append(f, numbered("a", 151, 160));
    sink.clear();
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(60);
      assertThat(sink.lines()).containsExactlyElementsOf(numbered("a", 101, 160));
    }
    assertThat(firstRun).containsExactlyElementsOf(numbered("a", 1, 150));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nul", "garbage", "torn"})
  void corruptPositionsFileRestartsFromTheSafestPoint(String kind) throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 10));
    Files.createDirectories(data());
    byte[] content =
        switch (kind) {
          case "nul" -> new byte[4096];
          case "garbage" -> new byte[] {(byte) 0xff, 0x00, '{', '[', ':', 0x7f, '\n', '?'};
          default -> "positions:\n  ? path: \"/x\n    labels: ".getBytes(StandardCharsets.UTF_8);
        };
    Files.write(data().resolve("positions.yml"), content);
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(10);
      assertThat(sink.lines()).containsExactlyElementsOf(numbered("a", 1, 10));
      assertThat(rig.metric("loki_source_file_positions_errors_total{reason=\"corrupt_file\"}"))
          .isEqualTo(1);
      rig.component.sync();
      assertThat(Files.readString(data().resolve("positions.yml"))).contains(f.toString());
      assertThat(data().resolve("positions.yml.corrupt")).hasBinaryContent(content);
    }
  }

  @Test
  void anUnwritablePositionsFileMakesTheComponentUnhealthyNotDead() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 3));
    // the temp file cannot be made where a non-empty directory stands
    Files.createDirectories(data().resolve("positions.yml.tmp"));
    Files.writeString(data().resolve("positions.yml.tmp/x"), "x");
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(3);
      awaitOffset(rig, Files.size(f));
      rig.component.sync();
      assertThat(rig.component.currentHealth().state())
          .isEqualTo(dev.jalloy.component.Health.State.UNHEALTHY);
      assertThat(rig.metric("loki_source_file_positions_errors_total{reason=\"write\"}"))
          .isEqualTo(1);
      Files.delete(data().resolve("positions.yml.tmp/x"));
      rig.component.sync();
      assertThat(rig.component.currentHealth().state())
          .isEqualTo(dev.jalloy.component.Health.State.HEALTHY);
    }
  }

  @Test
  void invalidStoredOffsetFollowsThePolicy() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 10));
    Files.createDirectories(data());
    Files.writeString(
        data().resolve("positions.yml"),
        "positions:\n  ? path: " + f + "\n    labels: '{job=\"app\"}'\n  : \"abc\"\n");
    try (var rig =
        new SourceFileRig(data(), args(f, false, "", Optional.empty(), "restart_from_end"))) {
      Eventually.await(
          () ->
              rig.metric("loki_source_file_positions_errors_total{reason=\"invalid_value\"}") == 1,
          "invalid value counted");
      append(f, numbered("b", 1, 2));
      sink.awaitCount(2);
      assertThat(sink.lines()).containsExactly("b1", "b2");
    }
  }

  @Test
  void legacyPromtailPositionsAreImported() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 10));
    long half = Files.size(f) / 2;
    half = Files.readString(f).indexOf('\n', (int) half) + 1;
    Path legacy = dir.resolve("promtail-positions.yaml");
    Files.writeString(legacy, "positions:\n  " + f + ": \"" + half + "\"\n");
    LokiSourceFile.Arguments a = args(f);
    a = with(a, a.targets(), a.forwardTo(), legacy.toString());
    String rest = Files.readString(f).substring((int) half);
    try (var rig = new SourceFileRig(data(), a)) {
      int n = rest.split("\n").length;
      sink.awaitCount(n);
      assertThat(String.join("\n", sink.lines()) + "\n").isEqualTo(rest);
    }
  }

  @Test
  void tailFromEndSkipsWhatIsThere() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("old", 1, 10));
    try (var rig =
        new SourceFileRig(data(), args(f, true, "", Optional.empty(), "restart_from_beginning"))) {
      Eventually.await(
          () -> rig.component.debugInfo().targets().stream().anyMatch(t -> t.readOffset() > 0),
          "at the end");
      append(f, numbered("new", 1, 3));
      sink.awaitCount(3);
      assertThat(sink.lines()).containsExactlyElementsOf(numbered("new", 1, 3));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gz", "z", "bz2"})
  void compressedFilesAreReadToTheEndIncludingTheLastLine(String format) throws Exception {
    Path f = dir.resolve("app.log." + format);
    String text = String.join("\n", numbered("line", 1, 5000)); // no final newline
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out =
        switch (format) {
          case "gz" -> new GZIPOutputStream(bytes);
          case "z" -> new DeflaterOutputStream(bytes);
          default -> new BZip2CompressorOutputStream(bytes);
        }) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(f, bytes.toByteArray());
    var dec = Optional.of(new LokiSourceFile.Decompression(true, format, Duration.ZERO));
    try (var rig = new SourceFileRig(data(), args(f, false, "", dec, ""))) {
      sink.awaitCount(5000);
      assertThat(sink.lines()).containsExactlyElementsOf(numbered("line", 1, 5000));
      awaitOffset(rig, 5000);
    }
    assertThat(Files.readString(data().resolve("positions.yml"))).contains(": \"5000\"");
    sink.clear();
    try (var rig = new SourceFileRig(data(), args(f, false, "", dec, ""))) {
      awaitOffset(rig, 5000);
      Thread.sleep(50);
      assertThat(sink.lines()).as("a restart does not send them again").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "UTF-16LE BOM auto",
        "UTF-16BE BOM auto",
        "UTF-16BE",
        "ISO-8859-1",
        "windows-1252",
        "Shift_JIS"
      })
  void encodings(String name) throws Exception {
    String text = name.startsWith("Shift") ? "ログ一\r\nログ二\n" : "héllo wörld\r\nzwei\n";
    boolean auto = name.endsWith("auto");
    String cs = name.split(" ")[0];
    byte[] body = text.getBytes(Charset.forName(cs));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (auto) {
      bytes.write(
          cs.endsWith("LE")
              ? new byte[] {(byte) 0xff, (byte) 0xfe}
              : new byte[] {(byte) 0xfe, (byte) 0xff});
    }
    bytes.write(body);
    Path f = dir.resolve("enc.log");
    Files.write(f, bytes.toByteArray());
    String encoding = auto ? "" : cs;
    try (var rig =
        new SourceFileRig(
            data(), args(f, false, encoding, Optional.empty(), "restart_from_beginning"))) {
      sink.awaitCount(2);
      assertThat(sink.lines()).containsExactly(text.split("\r?\n"));
    }
  }

  @Test
  void longLinesAreCutAndCounted() throws Exception {
    Path f = dir.resolve("long.log");
    append(f, "short\n" + "x".repeat(5000) + "\nafter\n");
    try (var rig = new SourceFileRig(data(), args(f), 1024, 1000)) {
      sink.awaitCount(3);
      assertThat(sink.lines()).containsExactly("short", "x".repeat(1024), "after");
      assertThat(rig.metric("loki_source_file_lines_truncated_total")).isEqualTo(1);
    }
  }

  @Test
  void aFiftyMegabyteLineIsCutWithBoundedMemory() throws Exception {
    Path f = dir.resolve("huge.log");
    byte[] huge = new byte[50 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'y');
    huge[huge.length - 1] = '\n';
    Files.write(f, huge);
    append(f, "next\n");
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(2);
      assertThat(sink.lines().getFirst()).hasSize(LokiSourceFile.MAX_LINE_BYTES);
      assertThat(sink.lines().get(1)).isEqualTo("next");
    }
  }

  @Test
  void binaryGarbageAndInvalidUtf8AreReplacedNotFatal() throws Exception {
    Path f = dir.resolve("bin.log");
    byte[] junk = new byte[] {(byte) 0xc3, 0x28, 0, 1, 2, (byte) 0xff, '\n', 'o', 'k', '\n'};
    Files.write(f, junk);
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(2);
      assertThat(sink.lines().getFirst()).contains("\uFFFD").contains("\u0000");
      assertThat(sink.lines().get(1)).isEqualTo("ok");
    }
  }

  @Test
  void aFileDeletedWhileReadIsFollowedWhenItReappears() throws Exception {
    Path f = dir.resolve("app.log");
    append(f, numbered("a", 1, 5));
    try (var rig = new SourceFileRig(data(), args(f))) {
      sink.awaitCount(5);
      Files.delete(f);
      Thread.sleep(60); // several polls with the path gone
      append(f, numbered("b", 1, 5));
      sink.awaitCount(10);
      assertThat(sink.lines())
          .containsExactlyElementsOf(concat(numbered("a", 1, 5), numbered("b", 1, 5)));
      rig.component.sync();
    }
  }

  @Test
  void aPathReplacedBySymlinkLoopIsCountedNotFatal() throws Exception {
    Path f = dir.resolve("loop.log");
    Files.createSymbolicLink(f, f);
    try (var rig = new SourceFileRig(data(), args(f))) {
      Eventually.await(
          () -> rig.metric("loki_source_file_read_errors_total{reason=\"open\"}") >= 1,
          "open error counted");
    }
  }

  @Test
  void aRemovedTargetLosesItsPosition() throws Exception {
    Path f = dir.resolve("app.log");
    Path g = dir.resolve("other.log");
    append(f, numbered("a", 1, 3));
    append(g, numbered("g", 1, 3));
    LokiSourceFile.Arguments a = args(f);
    LokiSourceFile.Arguments both =
        with(
            a,
            List.of(a.targets().getFirst(), Map.of("__path__", g.toString())),
            a.forwardTo(),
            "");
    try (var rig = new SourceFileRig(data(), both)) {
      sink.awaitCount(6);
      assertThat(rig.component.positions().snapshot()).hasSize(2);
      rig.component.update(a);
      assertThat(rig.component.positions().snapshot().keySet())
          .extracting(PositionsCodec.Key::path)
          .containsExactly(f.toString());
      assertThat(rig.component.debugInfo().targets()).hasSize(1);
    }
  }

  @Test
  void fileMatchBlockGlobsPaths() throws Exception {
    Files.createDirectories(dir.resolve("logs/sub"));
    append(dir.resolve("logs/a.log"), List.of("a"));
    append(dir.resolve("logs/sub/b.log"), List.of("b"));
    append(dir.resolve("logs/sub/c.txt"), List.of("c"));
    LokiSourceFile.Arguments a =
        new LokiSourceFile.Arguments(
            List.of(Map.of("__path__", dir + "/logs/**/*.log")),
            List.of(sink),
            "",
            false,
            "",
            "",
            Optional.empty(),
            new LokiSourceFile.FileWatch(Duration.ofMillis(5), Duration.ofMillis(20)),
            new LokiSourceFile.FileMatch(true, Duration.ofMillis(20), Duration.ZERO));
    try (var rig = new SourceFileRig(data(), a)) {
      sink.awaitCount(2);
      append(dir.resolve("logs/sub/d.log"), List.of("d"));
      sink.awaitCount(3);
      assertThat(sink.lines()).containsExactlyInAnyOrder("a", "b", "d");
    }
  }

  @Test
  void tenThousandFilesDoNotBreakAnything() throws Exception {
    Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i < 10_000; i++) {
      Files.writeString(dir.resolve("many/f" + i + ".log"), "x" + i + "\n");
    }
    LokiSourceFile.Arguments a =
        new LokiSourceFile.Arguments(
            List.of(Map.of("__path__", dir + "/many/*.log")),
            List.of(sink),
            "",
            false,
            "",
            "",
            Optional.empty(),
            new LokiSourceFile.FileWatch(Duration.ofMillis(250), Duration.ofSeconds(2)),
            new LokiSourceFile.FileMatch(true, Duration.ofSeconds(10), Duration.ZERO));
    try (var rig = new SourceFileRig(data(), a)) {
      Eventually.await(Duration.ofSeconds(60), () -> sink.lines().size() >= 10_000, "all files");
      assertThat(rig.metric("loki_source_file_files_active")).isEqualTo(10_000);
    }
  }

  @Test
  void positionsCodecRoundTripsOddPaths() throws Exception {
    Map<PositionsCodec.Key, String> m =
        Map.of(
            new PositionsCodec.Key("/var/log/a \"quoted\" \\ x:y.log", "{a=\"b\", c=\"d\"}"), "17",
            new PositionsCodec.Key("cursor-loki.source.journal.x", ""), "s=1;i=2",
            new PositionsCodec.Key("/tmp/new\nline", "{}"), "0");
    assertThat(PositionsCodec.parse(PositionsCodec.format(m))).isEqualTo(m);
    assertThat(PositionsCodec.parse("")).isEmpty();
    assertThat(
            PositionsCodec.parse(
                """
                positions:
                  ? path: /var/log/app.log
                    labels: '{job="app", team="a"}'
                  : "17623"
                """))
        .containsExactly(
            Map.entry(
                new PositionsCodec.Key("/var/log/app.log", "{job=\"app\", team=\"a\"}"), "17623"));
  }

  @Test
  void linesSplitAcrossReadsAndUtf16UnitsSurvive() {
    List<String> got = new ArrayList<>();
    List<Long> ends = new ArrayList<>();
    LineSplitter s = new LineSplitter(StandardCharsets.UTF_16LE, 1 << 20, 0);
    byte[] b = "ab\ncd\r\ne".getBytes(StandardCharsets.UTF_16LE);
    for (int i = 0; i < b.length; i++) {
      s.feed(
          b,
          i,
          1,
          (t, next, cut) -> {
            got.add(t);
            ends.add(next);
          });
    }
    assertThat(got).containsExactly("ab", "cd");
    assertThat(ends).containsExactly(6L, 14L);
    assertThat(s.holding()).isTrue();
    assertThat(s.offset()).isEqualTo(b.length);
  }
}
