package dev.jalloy.component.common.wal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.testkit.InterruptedThread;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {

  @TempDir Path tmp;

  private WalMetrics metrics = WalMetrics.register(new PrometheusRegistry());

  private Path dir() {
    return tmp.resolve("wal");
  }

  private Wal open(WalOptions o) throws IOException {
    return Wal.open(dir(), o, metrics);
  }

  private static byte[] rec(int i) {
    return ("record-" + i + "-" + "x".repeat(i % 37)).getBytes(UTF_8);
  }

  private static List<String> readAll(Wal wal, Position from) throws IOException {
    List<String> out = new ArrayList<>();
    try (WalReader r = wal.reader(from)) {
      WalRecord rec;
      while ((rec = r.next()) != null) {
        out.add(new String(rec.payload(), UTF_8));
      }
    }
    return out;
  }

  private static List<String> expected(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(new String(rec(i), UTF_8));
    }
    return out;
  }

  private double dropped(String reason) {
    return metrics.recordsDropped.labelValues(reason).get();
  }

  /**
   * A component's thread is interrupted when it stops and then closes its WAL; an interrupt closes
   * a FileChannel, which once made the final sync retry a closed channel forever (a shutdown that
   * hung at full CPU).
   */
  @Test
  void anInterruptedThreadClosesTheWalAndKeepsItsInterrupt() throws Exception {
    WalOptions o = WalOptions.defaults().withSyncPolicy(SyncPolicy.interval(Duration.ofHours(1)));
    Wal wal = open(o);
    for (int i = 0; i < 10; i++) {
      wal.append(rec(i));
    }
    var closing = InterruptedThread.run(Duration.ofSeconds(30), wal::close);
    assertThat(closing.finished()).as("close() returned").isTrue();
    assertThat(closing.failure()).isNull();
    assertThat(closing.stillInterrupted()).isTrue();
    try (Wal reopened = open(o)) {
      assertThat(readAll(reopened, Position.START)).isEqualTo(expected(0, 10));
    }
  }

  /** An append on an interrupted thread must not close the head segment for everyone after it. */
  @Test
  void anAppendOnAnInterruptedThreadLeavesTheWalUsable() throws Exception {
    try (Wal wal = open(WalOptions.defaults())) {
      wal.append(rec(0));
      var appending = InterruptedThread.run(Duration.ofSeconds(30), () -> wal.append(rec(1)));
      assertThat(appending.finished()).isTrue();
      assertThat(appending.failure()).isNull();
      wal.append(rec(2));
      assertThat(readAll(wal, Position.START)).isEqualTo(expected(0, 3));
    }
  }

  /**
   * Records smaller and larger than the write buffer (256 KiB), the read buffer and one write chunk
   * (4 MiB), alone and batched, come back byte for byte; a torn large record at the tail is cut off
   * on reopen and what came before it still reads.
   */
  @Test
  void recordsLargerThanTheBuffersRoundTripAndATornOneIsCutOff() throws IOException {
    int[] sizes = {0, 1, 7, 100_000, 131_073, 262_136, 262_144, 300_000, 5 << 20, 17};
    List<byte[]> records = new ArrayList<>();
    java.util.Random random = new java.util.Random(42);
    for (int n : sizes) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      records.add(b);
    }
    try (Wal wal = open(WalOptions.defaults())) {
      wal.append(records.get(0));
      wal.append(records.subList(1, records.size()));
      wal.append(records.get(4)); // alone after the batch
      try (WalReader r = wal.reader(Position.START)) {
        List<byte[]> all = new ArrayList<>(records);
        all.add(records.get(4));
        for (byte[] want : all) {
          WalRecord got = r.next();
          assertThat(got).isNotNull();
          assertThat(got.payload()).isEqualTo(want);
        }
        assertThat(r.next()).isNull();
      }
    }
    Path seg;
    try (var segs = Files.list(dir())) {
      seg = segs.sorted().reduce((a, b) -> b).orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.setLength(f.length() - 1000); // the last record, 5 MiB appended alone, loses its end
    }
    try (Wal wal = open(WalOptions.defaults())) {
      try (WalReader r = wal.reader(Position.START)) {
        for (byte[] want : records) {
          assertThat(r.next().payload()).isEqualTo(want);
        }
        assertThat(r.next()).isNull();
      }
      assertThat(dropped("corrupt_tail")).isEqualTo(1);
    }
  }

  @Test
  void roundTripAcrossSegmentRotation() throws IOException {
    try (Wal wal = open(WalOptions.defaults().withSegmentSize(512))) {
      for (int i = 0; i < 100; i++) {
        wal.append(rec(i));
      }
      List<byte[]> batch = new ArrayList<>();
      for (int i = 100; i < 200; i++) {
        batch.add(rec(i));
      }
      wal.append(batch);
      assertThat(wal.segments().size()).isGreaterThan(10);
      assertThat(readAll(wal, Position.START)).isEqualTo(expected(0, 200));
      for (Path seg : Files.list(dir()).toList()) {
        assertThat(Files.size(seg)).isLessThanOrEqualTo(512);
      }
    }
    // After reopen, everything is still there and new appends follow.
    try (Wal wal = open(WalOptions.defaults().withSegmentSize(512))) {
      wal.append(rec(200));
      assertThat(readAll(wal, Position.START)).isEqualTo(expected(0, 201));
    }
    assertThat(dropped("corrupt_tail")).isZero();
  }

  @Test
  void oversizedRecordGetsItsOwnSegment() throws IOException {
    try (Wal wal = open(WalOptions.defaults().withSegmentSize(128))) {
      byte[] big = new byte[1000];
      wal.append(rec(1));
      wal.append(big);
      wal.append(rec(2));
      try (WalReader r = wal.reader(Position.START)) {
        assertThat(r.next().payload()).isEqualTo(rec(1));
        assertThat(r.next().payload()).isEqualTo(big);
        assertThat(r.next().payload()).isEqualTo(rec(2));
        assertThat(r.next()).isNull();
      }
    }
  }

  @Test
  void restartResumesAfterAcknowledgedPosition() throws IOException {
    PositionFile ack = new PositionFile(tmp.resolve("remote.position"));
    assertThat(ack.load()).isEmpty();
    try (Wal wal = open(WalOptions.defaults().withSegmentSize(300))) {
      for (int i = 0; i < 50; i++) {
        wal.append(rec(i));
      }
      try (WalReader r = wal.reader(Position.START)) {
        for (int i = 0; i < 30; i++) {
          WalRecord rec = r.next();
          assertThat(rec.payload()).isEqualTo(rec(i));
          ack.store(rec.next());
        }
      }
      wal.truncateBefore(ack.load().orElseThrow());
    }
    Position resumed = ack.load().orElseThrow();
    try (Wal wal = open(WalOptions.defaults().withSegmentSize(300))) {
      for (int i = 50; i < 60; i++) {
        wal.append(rec(i));
      }
      assertThat(readAll(wal, resumed)).isEqualTo(expected(30, 60));
      // Truncated segments are gone; reading from the start yields a suffix including 30.
      List<String> all = readAll(wal, Position.START);
      assertThat(all).endsWith(expected(30, 60).toArray(String[]::new));
      assertThat(all.size()).isLessThan(60);
    }
    assertThat(dropped("disk_limit")).isZero();
  }

  @Test
  void damagedPositionFileLoadsEmpty() throws IOException {
    PositionFile ack = new PositionFile(tmp.resolve("p"));
    ack.store(new Position(3, 99));
    assertThat(ack.load()).contains(new Position(3, 99));
    byte[] b = Files.readAllBytes(ack.path());
    b[5] ^= 1;
    Files.write(ack.path(), b);
    assertThat(ack.load()).isEmpty();
  }

  private Path lastNonEmptySegment() throws IOException {
    try (var s = Files.list(dir())) {
      return s.filter(
              p -> {
                try {
                  return Files.size(p) > 0;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sorted()
          .reduce((a, b) -> b)
          .orElseThrow();
    }
  }

  private void writeTen() throws IOException {
    try (Wal wal = open(WalOptions.defaults())) {
      for (int i = 0; i < 10; i++) {
        wal.append(rec(i));
      }
    }
  }

  @Test
  void tornTailTruncatedMidRecord() throws IOException {
    writeTen();
    Path seg = lastNonEmptySegment();
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.setLength(f.length() - 3);
    }
    try (Wal wal = open(WalOptions.defaults())) {
      assertThat(readAll(wal, Position.START)).isEqualTo(expected(0, 9));
      wal.append(rec(10));
      assertThat(readAll(wal, Position.START)).hasSize(10).endsWith(new String(rec(10), UTF_8));
    }
    assertThat(dropped("corrupt_tail")).isEqualTo(1);
    // Recovery is idempotent: nothing more to count on the next open.
    try (Wal wal = open(WalOptions.defaults())) {
      assertThat(readAll(wal, Position.START)).hasSize(10);
    }
    assertThat(dropped("corrupt_tail")).isEqualTo(1);
  }

  @Test
  void garbageAppendedToTail() throws IOException {
    writeTen();
    Files.write(
        lastNonEmptySegment(),
        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
        java.nio.file.StandardOpenOption.APPEND);
    try (Wal wal = open(WalOptions.defaults())) {
      assertThat(readAll(wal, Position.START)).isEqualTo(expected(0, 10));
    }
    assertThat(dropped("corrupt_tail")).isEqualTo(1);
  }

  @Test
  void zeroFilledTail() throws IOException {
    writeTen();
    Files.write(lastNonEmptySegment(), new byte[4096], java.nio.file.StandardOpenOption.APPEND);
    try (Wal wal = open(WalOptions.defaults())) {
      assertThat(readAll(wal, Position.START)).isEqualTo(expected(0, 10));
    }
    assertThat(dropped("corrupt_tail")).isEqualTo(1);
  }

  @Test
  void flippedCrcByteInLastRecord() throws IOException {
    writeTen();
    Path seg = lastNonEmptySegment();
    long lastLen = Frame.HEADER + rec(9).length;
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      long crcPos = f.length() - lastLen + 4;
      f.seek(crcPos);
      int b = f.read();
      f.seek(crcPos);
      f.write(b ^ 0x40);
    }
    try (Wal wal = open(WalOptions.defaults())) {
      assertThat(readAll(wal, Position.START)).isEqualTo(expected(0, 9));
    }
    assertThat(dropped("corrupt_tail")).isEqualTo(1);
  }

  @Test
  void corruptRecordInOlderSegmentSkipsToNextSegment() throws IOException {
    WalOptions o = WalOptions.defaults().withSegmentSize(200);
    try (Wal wal = open(o)) {
      for (int i = 0; i < 40; i++) {
        wal.append(rec(i));
      }
    }
    Path first;
    try (var s = Files.list(dir())) {
      first = s.sorted().findFirst().orElseThrow();
    }
    byte[] content = Files.readAllBytes(first);
    content[content.length - 2] ^= 0x7f; // payload of the segment's last record
    Files.write(first, content);
    try (Wal wal = open(o)) {
      List<String> all = readAll(wal, Position.START);
      List<String> want = expected(0, 40);
      assertThat(all).hasSize(39);
      assertThat(want).containsSubsequence(all);
      assertThat(all).endsWith(want.get(39));
    }
    assertThat(dropped("corrupt_segment")).isEqualTo(1);
    assertThat(dropped("corrupt_tail")).isZero();
  }

  @Test
  void directoryOfGarbageOpens() throws IOException {
    Files.createDirectories(dir());
    Files.write(dir().resolve("00000001"), "this is not a wal segment at all".getBytes(UTF_8));
    Files.write(dir().resolve("00000002"), new byte[0]);
    Files.write(dir().resolve("00000003"), new byte[] {0, 0, 0, 5, 1, 2, 3, 4});
    Files.write(dir().resolve("notes.txt"), "hello".getBytes(UTF_8));
    Files.createDirectories(dir().resolve("00000009"));
    try (Wal wal = open(WalOptions.defaults())) {
      assertThat(readAll(wal, Position.START)).isEmpty();
      wal.append(rec(1));
      assertThat(readAll(wal, Position.START)).containsExactly(new String(rec(1), UTF_8));
    }
    assertThat(dropped("corrupt_tail")).isEqualTo(1);
    assertThat(dropped("corrupt_segment")).isEqualTo(1);
  }

  @Test
  void diskBoundDropsOldestSegmentsAndCounts() throws IOException {
    WalOptions o = WalOptions.defaults().withSegmentSize(256).withMaxDiskSize(1024);
    int n = 300;
    try (Wal wal = open(o)) {
      for (int i = 0; i < n; i++) {
        wal.append(rec(i));
        assertThat(wal.diskSize()).isLessThanOrEqualTo(1024);
      }
      List<String> kept = readAll(wal, Position.START);
      assertThat(kept).isNotEmpty().endsWith(new String(rec(n - 1), UTF_8));
      assertThat(kept).isEqualTo(expected(n - kept.size(), n));
      assertThat(dropped("disk_limit")).isEqualTo(n - kept.size());
    }
  }

  @Test
  void diskBoundDoesNotCountAcknowledgedRecords() throws IOException {
    WalOptions o = WalOptions.defaults().withSegmentSize(256).withMaxDiskSize(1024);
    try (Wal wal = open(o)) {
      Position last = null;
      for (int i = 0; i < 200; i++) {
        last = wal.append(rec(i));
        wal.truncateBefore(last); // consumer keeps up
      }
      assertThat(last).isNotNull();
    }
    assertThat(dropped("disk_limit")).isZero();
  }

  @Test
  void readerBlocksUntilDataArrivesAcrossThreads() throws Exception {
    try (Wal wal = open(WalOptions.defaults().withSegmentSize(400))) {
      int producers = 4;
      int perProducer = 250;
      CountDownLatch start = new CountDownLatch(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int id = p;
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        start.await();
                        for (int i = 0; i < perProducer; i++) {
                          wal.append(("p" + id + ":" + i).getBytes(UTF_8));
                        }
                      } catch (Throwable t) {
                        failure.set(t);
                      }
                    }));
      }
      try (WalReader r = wal.reader(Position.START)) {
        assertThat(r.poll(Duration.ofMillis(20))).isNull();
        start.countDown();
        int[] nextPerProducer = new int[producers];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int got = 0;
        while (got < producers * perProducer && System.nanoTime() < deadline) {
          WalRecord rec = r.poll(Duration.ofSeconds(5));
          if (rec == null) {
            continue;
          }
          String[] parts = new String(rec.payload(), UTF_8).substring(1).split(":");
          int p = Integer.parseInt(parts[0]);
          assertThat(Integer.parseInt(parts[1])).isEqualTo(nextPerProducer[p]);
          nextPerProducer[p]++;
          got++;
        }
        assertThat(got).isEqualTo(producers * perProducer);
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(failure.get()).isNull();
    }
  }

  @Test
  void intervalSyncPolicyMakesDataVisible() throws Exception {
    try (Wal wal =
            open(WalOptions.defaults().withSyncPolicy(SyncPolicy.interval(Duration.ofMillis(10))));
        WalReader r = wal.reader(Position.START)) {
      wal.append(rec(1));
      WalRecord got = r.poll(Duration.ofSeconds(10));
      assertThat(got).isNotNull();
      assertThat(got.payload()).isEqualTo(rec(1));
    }
  }

  @Test
  void closeWakesWaitingReader() throws Exception {
    Wal wal = open(WalOptions.defaults());
    WalReader r = wal.reader(Position.START);
    AtomicReference<Object> result = new AtomicReference<>("unset");
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    result.set(r.poll(Duration.ofMinutes(5)));
                  } catch (Exception e) {
                    result.set(e);
                  }
                });
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (t.getState() != Thread.State.WAITING
        && t.getState() != Thread.State.TIMED_WAITING
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    wal.close();
    t.join(Duration.ofSeconds(10));
    assertThat(t.isAlive()).isFalse();
    assertThat(result.get()).isNull();
    r.close();
  }
}
