package dev.jalloy.component.common.wal;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead log of opaque records in numbered segment files ({@code 00000001}, ...).
 *
 * <p>Opening never fails because of the directory's content: zero-length and non-segment files are
 * ignored, a torn or corrupt tail of the newest segment is truncated off and counted ({@code
 * reason="corrupt_tail"}), and every open starts a fresh segment so that nothing is ever appended
 * after bytes a previous process left behind. Corruption inside an older segment is found by
 * readers, which skip the rest of that segment and count it ({@code reason="corrupt_segment"}).
 *
 * <p>Thread-safe: any number of appenders and readers. Readers see only fsynced records (see {@link
 * SyncPolicy}) and can block until new ones arrive.
 */
public final class Wal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Wal.class);
  private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{8,}");
  private static final int MAX_WRITE_CHUNK = 4 * 1024 * 1024;
  private static final int WRITE_BUFFER = 256 * 1024;
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Path dir;
  private final WalOptions options;
  private final WalMetrics metrics;

  /** Guards the head segment, appends, rotation and segment deletion. */
  private final ReentrantLock writeLock = new ReentrantLock();

  /** Serialises fsyncs so concurrent committers share one (group commit). */
  private final ReentrantLock syncLock = new ReentrantLock();

  /** Guards {@link #visible}; signalled when it advances. Leaf lock. */
  private final ReentrantLock visLock = new ReentrantLock();

  private final Condition visChanged = visLock.newCondition();

  /** Sealed (read-only) segments and their sizes in bytes. */
  private final ConcurrentSkipListMap<Long, Long> sealed = new ConcurrentSkipListMap<>();

  /** Record counts of segments written or scanned by this process (writeLock). */
  private final Map<Long, Long> recordCounts = new TreeMap<>();

  private final Set<Long> reportedCorrupt = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastWarn = new ConcurrentHashMap<>();

  private volatile long headSeg;
  private FileChannel head; // writeLock
  private ByteBuffer writeBuffer; // writeLock; direct, allocated by the first append
  private long headOff; // writeLock
  private Position floor = Position.START; // writeLock: everything before it is acknowledged

  private volatile Position visible; // written under visLock
  private volatile boolean closed;
  private final Thread syncer;

  private Wal(Path dir, WalOptions options, WalMetrics metrics) {
    this.dir = dir;
    this.options = options;
    this.metrics = metrics;
    if (options.syncPolicy() instanceof SyncPolicy.Interval(var period)) {
      syncer =
          Thread.ofPlatform().daemon().name("wal-sync-" + dir).unstarted(() -> syncLoop(period));
    } else {
      syncer = null;
    }
  }

  public static Wal open(Path dir, WalOptions options, PrometheusRegistry registry)
      throws IOException {
    return open(dir, options, WalMetrics.register(registry));
  }

  public static Wal open(Path dir, WalOptions options, WalMetrics metrics) throws IOException {
    Files.createDirectories(dir);
    Wal wal = new Wal(dir, options, metrics);
    wal.recover();
    if (wal.syncer != null) {
      wal.syncer.start();
    }
    return wal;
  }

  public Path directory() {
    return dir;
  }

  static String segmentName(long seg) {
    return String.format("%08d", seg);
  }

  private Path segmentPath(long seg) {
    return dir.resolve(segmentName(seg));
  }

  // ---------------------------------------------------------------- recovery

  private void recover() throws IOException {
    TreeMap<Long, Long> found = new TreeMap<>();
    long maxSeg = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (!SEGMENT_NAME.matcher(name).matches() || !Files.isRegularFile(p)) {
          continue;
        }
        long seg;
        try {
          seg = Long.parseLong(name);
        } catch (NumberFormatException e) {
          continue;
        }
        maxSeg = Math.max(maxSeg, seg);
        long size = Files.size(p);
        if (size == 0) {
          Files.deleteIfExists(p);
        } else {
          found.put(seg, size);
        }
      }
    }
    if (!found.isEmpty()) {
      long last = found.lastKey();
      long valid = recoverTail(last, found.get(last));
      if (valid == 0) {
        Files.deleteIfExists(segmentPath(last));
        found.remove(last);
      } else {
        found.put(last, valid);
      }
    }
    sealed.putAll(found);
    headSeg = maxSeg + 1;
    head = openNewSegment(headSeg);
    headOff = 0;
    visible = new Position(headSeg, 0);
    writeLock.lock();
    try {
      enforceDiskLimit();
    } finally {
      writeLock.unlock();
    }
  }

  /** Scans the newest segment, truncates a torn/corrupt tail; returns the valid length. */
  private long recoverTail(long seg, long size) throws IOException {
    Path p = segmentPath(seg);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Frame.SegmentReader r = new Frame.SegmentReader(seg, ch)) {
      long off = 0;
      long n = 0;
      Frame.Status st;
      while ((st = r.read(off, size)) == Frame.Status.RECORD) {
        off = r.nextOffset;
        n++;
      }
      if (st == Frame.Status.CORRUPT) {
        ch.truncate(off);
        ch.force(true);
        metrics.dropped("corrupt_tail", 1);
        warn(
            "corrupt_tail",
            "WAL segment {} has a torn or corrupt record at offset {}; truncated {} bytes",
            p,
            off,
            size - off);
      }
      recordCounts.put(seg, n);
      return off;
    } catch (IOException e) {
      // Unreadable file: leave it for readers to skip; never fail the open.
      warn("corrupt_tail", "WAL segment {} could not be recovered: {}", p, e.toString());
      return size;
    }
  }

  private FileChannel openNewSegment(long seg) throws IOException {
    FileChannel ch =
        FileChannel.open(segmentPath(seg), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    fsyncDir(dir);
    return ch;
  }

  static void fsyncDir(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms/filesystems cannot open or fsync a directory; the data files are synced.
    }
  }

  // ---------------------------------------------------------------- append

  /** Appends one record; see {@link #append(List)}. */
  public Position append(byte[] payload) throws IOException {
    return append(List.of(payload));
  }

  /**
   * Appends records in order, contiguously unless a segment boundary intervenes. With {@link
   * SyncPolicy#everyCommit()} the batch is durable when this returns.
   *
   * @return the position just after the last record
   */
  public Position append(List<byte[]> payloads) throws IOException {
    Position end;
    writeLock.lock();
    try {
      ensureOpen();
      end = writeLocked(payloads);
    } finally {
      writeLock.unlock();
    }
    syncIfEveryCommit(end);
    return end;
  }

  /**
   * Builds a record for the segment it lands in. Called under the WAL's write lock, so nothing else
   * is appended between building and writing; called a second time, for the next segment, when the
   * first result does not fit in the current one.
   */
  @FunctionalInterface
  public interface SegmentRecord {
    /** The payload to write into segment {@code segment}. */
    byte[] build(long segment);
  }

  /**
   * Appends one record whose content depends on the segment it is written to: a format that defines
   * things once per segment (series, say) so that each segment reads on its own.
   *
   * @return the position just after the record
   */
  public Position append(SegmentRecord record) throws IOException {
    Position end;
    writeLock.lock();
    try {
      ensureOpen();
      byte[] payload = record.build(headSeg);
      if (headOff > 0 && headOff + Frame.HEADER + (long) payload.length > options.segmentSize()) {
        rotate();
        payload = record.build(headSeg);
      }
      end = writeLocked(List.of(payload));
    } finally {
      writeLock.unlock();
    }
    syncIfEveryCommit(end);
    return end;
  }

  private void syncIfEveryCommit(Position end) throws IOException {
    if (options.syncPolicy() instanceof SyncPolicy.EveryCommit) {
      syncTo(end);
    }
  }

  /** Writes records in order, rotating at segment boundaries. Caller holds writeLock. */
  private Position writeLocked(List<byte[]> payloads) throws IOException {
    int i = 0;
    while (i < payloads.size()) {
      long first = Frame.HEADER + (long) payloads.get(i).length;
      if (headOff > 0 && headOff + first > options.segmentSize()) {
        rotate();
      }
      long bytes = first;
      int j = i + 1;
      while (j < payloads.size()) {
        long next = Frame.HEADER + (long) payloads.get(j).length;
        if (headOff + bytes + next > options.segmentSize() || bytes + next > MAX_WRITE_CHUNK) {
          break;
        }
        bytes += next;
        j++;
      }
      long start = headOff;
      reopenHeadIfClosed();
      boolean interrupted = Thread.interrupted();
      try {
        ByteBuffer out = writeBuffer();
        for (int k = i; k < j; k++) {
          putFrame(out, payloads.get(k));
        }
        flush(out);
      } catch (IOException e) {
        // Roll back a partial frame so later appends stay parseable.
        headOff = start;
        try {
          reopenHeadIfClosed();
          head.truncate(start);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      recordCounts.merge(headSeg, (long) (j - i), Long::sum);
      i = j;
    }
    return new Position(headSeg, headOff);
  }

  /**
   * The buffer frames are assembled in, cleared. Direct, so that the channel writes from it as it
   * is: a heap buffer would be copied into a temporary direct one by the JDK on every write, after
   * being allocated and filled for that write alone. Caller holds writeLock.
   */
  private ByteBuffer writeBuffer() {
    if (writeBuffer == null) {
      writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    }
    return writeBuffer.clear();
  }

  /** Adds one frame, writing out the buffer whenever it fills. Caller holds writeLock. */
  private void putFrame(ByteBuffer out, byte[] payload) throws IOException {
    if (out.remaining() < Frame.HEADER) {
      flush(out);
    }
    out.putInt(payload.length);
    out.putInt(Frame.crc(payload.length, payload, 0, payload.length));
    int at = 0;
    while (at < payload.length) {
      if (!out.hasRemaining()) {
        flush(out);
      }
      int n = Math.min(out.remaining(), payload.length - at);
      out.put(payload, at, n);
      at += n;
    }
  }

  /** Writes what the buffer holds at the head's end and clears it. Caller holds writeLock. */
  private void flush(ByteBuffer out) throws IOException {
    out.flip();
    while (out.hasRemaining()) {
      headOff += head.write(out, headOff);
    }
    out.clear();
  }

  /** Fsyncs everything appended so far and makes it visible to readers. */
  public void sync() throws IOException {
    Position end;
    writeLock.lock();
    try {
      ensureOpen();
      end = new Position(headSeg, headOff);
    } finally {
      writeLock.unlock();
    }
    syncTo(end);
  }

  private void syncTo(Position target) throws IOException {
    if (!target.isAfter(visible)) {
      return;
    }
    syncLock.lock();
    try {
      while (target.isAfter(visible)) {
        FileChannel ch;
        Position end;
        writeLock.lock();
        try {
          ensureOpen();
          ch = head;
          end = new Position(headSeg, headOff);
        } finally {
          writeLock.unlock();
        }
        boolean interrupted = Thread.interrupted();
        try {
          ch.force(false);
        } catch (ClosedChannelException e) {
          // Rotated meanwhile (rotation forced and published that segment), or an interrupt that
          // arrived during the force closed the head: reopen it and force again.
          writeLock.lock();
          try {
            if (ch == head) {
              reopenHeadIfClosed();
            }
          } finally {
            writeLock.unlock();
          }
          continue;
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
        publish(end);
      }
    } finally {
      syncLock.unlock();
    }
  }

  /**
   * Head I/O runs with the caller's interrupt status set aside, since an interrupt closes a
   * FileChannel (a component's thread is interrupted when it stops, then closes its WAL); one that
   * arrives during the I/O still closes it, and this reopens it, dropping any partial frame. Caller
   * holds writeLock.
   */
  private void reopenHeadIfClosed() throws IOException {
    if (head.isOpen() || closed) {
      return;
    }
    warn("reopen", "WAL {}: reopening segment {} after its channel was closed", dir, headSeg);
    head = FileChannel.open(segmentPath(headSeg), StandardOpenOption.WRITE);
    head.truncate(headOff);
  }

  private void publish(Position p) {
    visLock.lock();
    try {
      if (p.isAfter(visible)) {
        visible = p;
        visChanged.signalAll();
      }
    } finally {
      visLock.unlock();
    }
  }

  /** Seals the head segment (fsynced) and starts the next one. Caller holds writeLock. */
  private void rotate() throws IOException {
    head.force(false);
    head.close();
    sealed.put(headSeg, headOff);
    long next = headSeg + 1;
    head = openNewSegment(next);
    headSeg = next;
    headOff = 0;
    publish(new Position(next, 0));
    enforceDiskLimit();
  }

  private void syncLoop(java.time.Duration period) {
    while (!closed) {
      try {
        Thread.sleep(period);
        if (!closed) {
          sync();
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | IllegalStateException e) {
        if (!closed) {
          warn("sync", "WAL fsync failed: {}", e.toString());
        }
      }
    }
  }

  // ---------------------------------------------------------------- truncation

  /**
   * Deletes every sealed segment wholly before {@code acknowledged} (the lowest acknowledged
   * position of all readers). The head segment is never deleted.
   */
  public void truncateBefore(Position acknowledged) {
    writeLock.lock();
    try {
      floor = Position.max(floor, acknowledged);
      for (Long seg : new ArrayList<>(sealed.headMap(acknowledged.segment()).keySet())) {
        try {
          Files.deleteIfExists(segmentPath(seg));
          sealed.remove(seg);
          recordCounts.remove(seg);
        } catch (IOException e) {
          metrics.truncationFailures.inc();
          warn("truncate", "WAL segment {} could not be deleted: {}", seg, e.toString());
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Caller holds writeLock. Keeps sealed bytes + one full head segment under max_disk_size. */
  private void enforceDiskLimit() {
    long max = options.maxDiskSize();
    if (max <= 0) {
      return;
    }
    long total = 0;
    for (long s : sealed.values()) {
      total += s;
    }
    while (!sealed.isEmpty() && total + options.segmentSize() > max) {
      Map.Entry<Long, Long> oldest = sealed.firstEntry();
      long seg = oldest.getKey();
      long lost = unacknowledgedRecords(seg);
      try {
        Files.deleteIfExists(segmentPath(seg));
      } catch (IOException e) {
        metrics.truncationFailures.inc();
        warn("disk_limit_delete", "WAL segment {} could not be deleted: {}", seg, e.toString());
      }
      sealed.remove(seg);
      recordCounts.remove(seg);
      total -= oldest.getValue();
      metrics.dropped("disk_limit", lost);
      if (lost > 0) {
        warn(
            "disk_limit",
            "WAL over max_disk_size ({} bytes): dropped segment {} with {} unsent records",
            max,
            seg,
            lost);
      }
    }
  }

  private long unacknowledgedRecords(long seg) {
    if (seg < floor.segment()) {
      return 0;
    }
    Long known = recordCounts.get(seg);
    if (known != null && (seg > floor.segment() || floor.offset() == 0)) {
      return known;
    }
    long from = seg == floor.segment() ? floor.offset() : 0;
    try (Frame.SegmentReader r =
        new Frame.SegmentReader(seg, FileChannel.open(segmentPath(seg), StandardOpenOption.READ))) {
      long size = r.size();
      long off = 0;
      long n = 0;
      while (r.read(off, size) == Frame.Status.RECORD) {
        if (off >= from) {
          n++;
        }
        off = r.nextOffset;
      }
      return n;
    } catch (IOException e) {
      return 0;
    }
  }

  // ---------------------------------------------------------------- readers

  /**
   * A reader starting at {@code from} (normally a persisted acknowledged position, or {@link
   * Position#START}).
   */
  public WalReader reader(Position from) {
    ensureOpen();
    return new WalReader(this, from);
  }

  /** Position just after the last record visible to readers. */
  public Position visibleEnd() {
    return visible;
  }

  /** Segment numbers currently on disk, oldest first (the last is the one being written). */
  public List<Long> segments() {
    List<Long> out = new ArrayList<>(sealed.keySet());
    out.add(headSeg);
    return out;
  }

  /** Bytes of all segments on disk. */
  public long diskSize() {
    long total = 0;
    for (long s : sealed.values()) {
      total += s;
    }
    writeLock.lock();
    try {
      return total + headOff;
    } finally {
      writeLock.unlock();
    }
  }

  /** The oldest segment {@code >= seg} still on disk, or the head segment. */
  long segmentAtOrAfter(long seg) {
    Long k = sealed.ceilingKey(seg);
    return k != null ? k : headSeg;
  }

  FileChannel openForRead(long seg) throws IOException {
    return FileChannel.open(segmentPath(seg), StandardOpenOption.READ);
  }

  boolean isSealed(long seg) {
    return seg < headSeg;
  }

  void reportCorrupt(long seg, long off) {
    if (reportedCorrupt.add(seg)) {
      metrics.dropped("corrupt_segment", 1);
      warn(
          "corrupt_segment",
          "WAL segment {} is corrupt at offset {}; skipping to the next segment",
          segmentName(seg),
          off);
    }
  }

  /** Waits until the visible end moves past {@code seen}; false on timeout or close. */
  boolean awaitChange(Position seen, long nanos) throws InterruptedException {
    visLock.lock();
    try {
      while (!closed && visible.equals(seen)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = visChanged.awaitNanos(nanos);
      }
      return !closed;
    } finally {
      visLock.unlock();
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("WAL " + dir + " is closed");
    }
  }

  private void warn(String key, String fmt, Object... args) {
    long now = System.nanoTime();
    Long prev = lastWarn.get(key);
    if (prev == null || now - prev >= WARN_EVERY_NANOS) {
      lastWarn.put(key, now);
      log.warn(fmt, args);
    }
  }

  /** Fsyncs outstanding appends, wakes waiting readers and closes the head segment. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    IOException failure = null;
    try {
      sync();
    } catch (IOException e) {
      failure = e;
    }
    writeLock.lock();
    try {
      closed = true;
      head.close();
    } finally {
      writeLock.unlock();
    }
    visLock.lock();
    try {
      visChanged.signalAll();
    } finally {
      visLock.unlock();
    }
    if (syncer != null) {
      syncer.interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
