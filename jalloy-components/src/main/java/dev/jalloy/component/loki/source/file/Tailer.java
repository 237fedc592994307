package dev.jalloy.component.loki.source.file;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Follows one file: reads what is appended, hands complete lines to {@code forward_to} and records
 * the offset after the last accepted line. Runs on its own virtual thread; at end of file it polls,
 * waiting {@code min_poll_frequency}, doubling up to {@code max_poll_frequency} while nothing
 * changes, so an idle file costs one {@code stat} per wait and no busy loop.
 *
 * <p>Rotation, tracked by file identity ({@code fileKey()}: device and inode on Unix):
 *
 * <ul>
 *   <li>rename and create: a file with another identity at the path is opened at once and queued;
 *       the old handle is read to its end first (its last unterminated line emitted, since nobody
 *       will complete it), then the queued file from its start. The path is checked between batches
 *       too, not only at end of file, so two rotations while {@code forward_to} is slow still find
 *       the middle file: once it is open its bytes survive any later rename.
 *   <li>copytruncate: the same file shorter than the read offset, or whose first bytes changed
 *       (truncated and regrown past the offset between two polls), is read again from its start.
 *   <li>deletion: the open handle is still read; the tailer waits for the path to reappear.
 * </ul>
 *
 * <p>While an old file is drained after a rename the stored position is left alone: it belongs to
 * the path, which now names the new file.
 */
final class Tailer implements Runnable {
  private static final int SIGNATURE_BYTES = 1024;

  /** The most bytes read for one hand-off to {@code forward_to} while the file is behind. */
  static final int MAX_HANDOFF_BYTES = 1024 * 1024;

  private final Path path;
  private final String labelsKey;
  private final Positions positions;
  private final TailerSettings settings;
  private final SourceFileMetrics metrics;
  private final BatchForwarder forwarder;
  private final Logger logger;
  private final ArrayDeque<OpenFile> queued = new ArrayDeque<>();

  // this file's series, looked up once: an idle poll should cost a stat and little else
  private final CounterDataPoint readBytes;
  private final CounterDataPoint readLines;
  private final GaugeDataPoint fileBytes;

  private volatile boolean stopped;
  private volatile boolean running;
  private volatile long readOffset;
  private volatile long fileSize;

  /**
   * Whether another file was found at the path ({@code queued} is not empty): the positions of the
   * file being drained no longer belong to the path. Read by the forwarder's thread.
   */
  private volatile boolean renamed;

  private OpenFile current;
  private LineSplitter splitter;
  private long lastPathCheck;
  private boolean goneLogged;
  private boolean errorLogged;

  /** One open file: its handle, identity and first bytes. */
  private static final class OpenFile {
    final FileChannel channel;
    final Object key;
    final Charset charset;
    final int bom;
    byte[] head = new byte[0];
    long lastSize = -1;

    OpenFile(FileChannel channel, Object key, Charset charset, int bom) {
      this.channel = channel;
      this.key = key;
      this.charset = charset;
      this.bom = bom;
    }

    void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // closing a read-only handle loses nothing
      }
    }
  }

  Tailer(
      Path path,
      String labelsKey,
      BatchForwarder forwarder,
      Positions positions,
      TailerSettings settings,
      SourceFileMetrics metrics,
      Logger logger) {
    this.path = path;
    this.labelsKey = labelsKey;
    this.forwarder = forwarder;
    this.positions = positions;
    this.settings = settings;
    this.metrics = metrics;
    this.logger = logger;
    this.readBytes = metrics.readBytes.labelValues(path.toString());
    this.readLines = metrics.readLines.labelValues(path.toString());
    this.fileBytes = metrics.fileBytes.labelValues(path.toString());
  }

  /** Asks the loop to stop; the caller interrupts the thread. */
  void stop() {
    stopped = true;
  }

  boolean running() {
    return running;
  }

  long readOffset() {
    return readOffset;
  }

  long fileSize() {
    return fileSize;
  }

  @Override
  public void run() {
    running = true;
    metrics.filesActive.inc();
    try {
      if (!openAtStart()) {
        return;
      }
      long delay = settings.minPoll().toNanos();
      while (!stopped) {
        if (readChunk()) {
          delay = settings.minPoll().toNanos();
          continue;
        }
        Thread.sleep(java.time.Duration.ofNanos(delay));
        // Before reading what was appended meanwhile: was the file replaced or truncated?
        if (atEndOfFile()) {
          delay = settings.minPoll().toNanos();
          continue;
        }
        delay = Math.min(delay * 2, settings.maxPoll().toNanos());
      }
    } catch (InterruptedException | ClosedByInterruptException e) {
      // stopping
    } finally {
      forwarder.close(); // no commit after we stopped
      if (current != null) {
        current.close();
      }
      queued.forEach(OpenFile::close);
      running = false;
      metrics.filesActive.dec();
    }
  }

  /** Opens the file at its stored position; false when it is to be skipped or we stopped. */
  private boolean openAtStart() throws InterruptedException, ClosedByInterruptException {
    while (!stopped) {
      OpenFile f = open();
      if (f != null) {
        Optional<Long> start = startOffset(f);
        if (start.isEmpty()) {
          f.close();
          return false;
        }
        current = f;
        initHead(f, start.get());
        splitter = new LineSplitter(f.charset, settings.maxLineBytes(), start.get());
        readOffset = start.get();
        return true;
      }
      Thread.sleep(settings.maxPoll());
    }
    return false;
  }

  private Optional<Long> startOffset(OpenFile f) throws ClosedByInterruptException {
    long size = size(f);
    Optional<String> stored = positions.get(path.toString(), labelsKey);
    long start;
    if (stored.isPresent()) {
      long parsed;
      try {
        parsed = Long.parseLong(stored.get().trim());
        if (parsed < 0) {
          throw new NumberFormatException("negative");
        }
      } catch (NumberFormatException e) {
        metrics.positionsErrors.labelValues("invalid_value").inc();
        logger
            .atWarn()
            .addKeyValue("path", path.toString())
            .addKeyValue("value", stored.get())
            .addKeyValue("policy", settings.onPositionsError().name().toLowerCase())
            .log("invalid position for file");
        return policyStart(f, size);
      }
      // larger than the file: truncated or replaced while we were away, so read all of it
      start = parsed > size ? 0 : parsed;
    } else if (positions.recoveredFromCorruption()) {
      return policyStart(f, size);
    } else {
      start = settings.tailFromEnd() ? lastLineStart(f, size) : 0;
    }
    return Optional.of(Math.max(start, f.bom));
  }

  private Optional<Long> policyStart(OpenFile f, long size) throws ClosedByInterruptException {
    return switch (settings.onPositionsError()) {
      case RESTART_FROM_BEGINNING -> Optional.of((long) f.bom);
      case RESTART_FROM_END -> Optional.of(Math.max(lastLineStart(f, size), f.bom));
      case SKIP ->
          positions.recoveredFromCorruption()
              ? Optional.of(settings.tailFromEnd() ? lastLineStart(f, size) : f.bom)
              : Optional.empty();
    };
  }

  /** The end of the file, backed up to the start of an unterminated last line if it has one. */
  private long lastLineStart(OpenFile f, long size) throws ClosedByInterruptException {
    if (size == 0 || LineSplitter.newlineOf(f.charset).length != 1) {
      return size;
    }
    int n = (int) Math.min(size, 4096);
    ByteBuffer b = ByteBuffer.allocate(n);
    try {
      f.channel.read(b, size - n);
    } catch (ClosedByInterruptException e) {
      throw e;
    } catch (IOException e) {
      return size;
    }
    for (int i = b.position() - 1; i >= 0; i--) {
      if (b.get(i) == '\n') {
        return size - n + i + 1;
      }
    }
    return size; // no newline in sight: do not go back further than a few KiB
  }

  /**
   * Reads the current file and forwards its lines; false at end of file. While the file holds more
   * than one buffer, reads go on until one hand-off's worth ({@code maxBatchLines} lines or {@link
   * #MAX_HANDOFF_BYTES}) is collected, so that one queue fsync covers many lines.
   */
  private boolean readChunk() throws InterruptedException, ClosedByInterruptException {
    long handed = 0;
    ByteBuffer buffer = ReadBuffers.take();
    try {
      while (true) {
        buffer.clear();
        forwarder.stamp();
        int n;
        try {
          n = current.channel.read(buffer, splitter.offset());
        } catch (ClosedByInterruptException e) {
          throw e;
        } catch (IOException e) {
          readFailed("read", e);
          n = -1;
        }
        if (n <= 0) {
          if (handed == 0) {
            return false;
          }
          break;
        }
        errorLogged = false;
        captureHead(current, buffer.array(), n, splitter.offset());
        readBytes.inc(n);
        splitter.feed(buffer.array(), 0, n, forwarder); // copies what it keeps
        handed += n;
        // Read on while the last hand-off is still being delivered: the slower the queue's fsync,
        // the more lines the next one covers, up to the caps.
        if (n < buffer.capacity()
            || !forwarder.busy()
            || handed >= MAX_HANDOFF_BYTES
            || forwarder.pending() >= settings.maxBatchLines()) {
          break;
        }
      }
    } finally {
      ReadBuffers.give(buffer);
    }
    readLines.inc(forwarder.pending());
    boolean commit = queued.isEmpty();
    // Delivered and committed on the forwarder's thread while this one reads on.
    forwarder.handOff(
        offset -> {
          if (commit && !renamed) {
            positions.put(path.toString(), labelsKey, offset);
          }
          readOffset = offset; // after the position: whoever sees it may rely on it
        },
        () -> !stopped,
        this::checkPathEvery,
        settings.minPoll());
    checkPathEvery();
    return true;
  }

  /** The path's identity checked at most every {@code min_poll_frequency} while reading. */
  private void checkPathEvery() {
    long now = System.nanoTime();
    if (now - lastPathCheck >= settings.minPoll().toNanos()) {
      lastPathCheck = now;
      checkPath();
    }
  }

  /**
   * At end of file: moves on to a queued file, or notices a new file at the path or a truncation.
   * Returns true when there is something to read at once.
   */
  private boolean atEndOfFile() throws InterruptedException, ClosedByInterruptException {
    // Whatever is in flight lands first: the positions written below must not be overtaken by a
    // late commit of the file or the offsets that came before.
    forwarder.drain(this::checkPathEvery);
    long pathSize = -1;
    if (queued.isEmpty()) {
      pathSize = checkPath();
    }
    if (!queued.isEmpty()) {
      // One more read: the writer may have appended between our last read and the rename.
      while (readChunk()) {
        if (stopped) {
          return false;
        }
      }
      finishFile();
      current.close();
      current = queued.poll();
      renamed = !queued.isEmpty();
      initHead(current, current.bom);
      splitter = new LineSplitter(current.charset, settings.maxLineBytes(), current.bom);
      readOffset = current.bom;
      if (queued.isEmpty()) {
        positions.put(path.toString(), labelsKey, current.bom);
      }
      metrics.rotations.labelValues("rename").inc();
      return true;
    }
    // the path's stat already gave the size when it names our file: one syscall per idle poll
    long size = pathSize >= 0 ? pathSize : size(current);
    fileSize = size;
    if (size != current.lastSize) {
      fileBytes.set(size); // idle polls stay cheap: no label lookup when nothing changed
    }
    if (size < splitter.offset()
        || size != current.lastSize && size > 0 && !headUnchanged(current, size)) {
      finishFile();
      logger.atInfo().addKeyValue("path", path.toString()).log("file truncated, reading from 0");
      metrics.rotations.labelValues("truncate").inc();
      splitter.reset(current.bom);
      initHead(current, current.bom);
      current.lastSize = -1;
      readOffset = current.bom;
      positions.put(path.toString(), labelsKey, current.bom);
      return true;
    }
    current.lastSize = size;
    return false;
  }

  /** Emits the held unterminated line of a file that will not grow any more. */
  private void finishFile() throws InterruptedException {
    forwarder.stamp();
    if (splitter.flush(forwarder)) {
      readLines.inc();
      boolean commit = queued.isEmpty();
      forwarder.send(
          offset -> {
            if (commit) {
              positions.put(path.toString(), labelsKey, offset);
            }
          },
          () -> true);
    }
  }

  /**
   * Queues the file now at the path when it is not one we already have open. Returns the size of
   * the path's file when it is the current one, else -1.
   */
  private long checkPath() {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      if (!goneLogged) {
        goneLogged = true;
        logger
            .atInfo()
            .addKeyValue("path", path.toString())
            .log("file removed or renamed; reading the open handle and waiting for it to reappear");
      }
      return -1;
    }
    goneLogged = false;
    Object key = attrs.fileKey();
    if (key == null) {
      return -1;
    }
    if (Objects.equals(key, current.key)) {
      return attrs.size();
    }
    for (OpenFile q : queued) {
      if (Objects.equals(key, q.key)) {
        return -1;
      }
    }
    OpenFile f = open();
    if (f != null && !Objects.equals(f.key, current.key)) {
      queued.add(f);
      renamed = true;
    } else if (f != null) {
      f.close();
    }
    return -1;
  }

  /** Opens the path; null (counted, logged once) when it cannot be. */
  private OpenFile open() {
    FileChannel ch = null;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      if (Files.isDirectory(path)) {
        throw new IOException("is a directory");
      }
      Charset cs = settings.charset().orElse(StandardCharsets.UTF_8);
      int bom = 0;
      ByteBuffer b = ByteBuffer.allocate(2);
      ch.read(b, 0);
      if (b.position() == 2) {
        int b0 = b.get(0) & 0xff;
        int b1 = b.get(1) & 0xff;
        boolean utf16 = settings.charset().isEmpty() || cs.name().startsWith("UTF-16");
        if (utf16 && b0 == 0xff && b1 == 0xfe) {
          cs = StandardCharsets.UTF_16LE;
          bom = 2;
        } else if (utf16 && b0 == 0xfe && b1 == 0xff) {
          cs = StandardCharsets.UTF_16BE;
          bom = 2;
        }
      }
      if (cs.name().equals("UTF-16")) {
        cs = StandardCharsets.UTF_16BE; // Go's default for UTF-16 without a BOM
      }
      errorLogged = false;
      return new OpenFile(ch, key, cs, bom);
    } catch (IOException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // nothing was read
        }
      }
      if (!(e instanceof NoSuchFileException)) {
        readFailed("open", e);
      }
      return null;
    }
  }

  private long size(OpenFile f) throws ClosedByInterruptException {
    try {
      return f.channel.size();
    } catch (ClosedByInterruptException e) {
      throw e;
    } catch (IOException e) {
      readFailed("stat", e);
      return splitter == null ? 0 : splitter.offset();
    }
  }

  /** Remembers the file's first bytes as they are read, for {@link #headUnchanged}. */
  private static void captureHead(OpenFile f, byte[] b, int n, long at) {
    if (at >= SIGNATURE_BYTES || at != f.head.length) {
      return;
    }
    int take = (int) Math.min(n, SIGNATURE_BYTES - at);
    byte[] h = Arrays.copyOf(f.head, f.head.length + take);
    System.arraycopy(b, 0, h, f.head.length, take);
    f.head = h;
  }

  /** Whether the file still starts with the bytes we read from it. */
  private boolean headUnchanged(OpenFile f, long size) throws ClosedByInterruptException {
    int n = (int) Math.min(f.head.length, size);
    if (n == 0) {
      return true;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    try {
      while (b.hasRemaining() && f.channel.read(b, b.position()) > 0) {
        // keep reading the head
      }
    } catch (ClosedByInterruptException e) {
      throw e;
    } catch (IOException e) {
      return true;
    }
    return Arrays.equals(b.array(), 0, b.position(), f.head, 0, b.position());
  }

  private void readFailed(String reason, IOException e) {
    metrics.readErrors.labelValues(reason).inc();
    if (!errorLogged) {
      errorLogged = true;
      logger
          .atWarn()
          .addKeyValue("path", path.toString())
          .addKeyValue("err", e.toString())
          .log("cannot " + reason + " file; retrying");
    }
  }

  /** Reads the file's first bytes up to {@code upTo}, so the signature covers what was read. */
  private static void initHead(OpenFile f, long upTo) throws ClosedByInterruptException {
    int n = (int) Math.min(upTo, SIGNATURE_BYTES);
    ByteBuffer b = ByteBuffer.allocate(n);
    try {
      while (b.hasRemaining() && f.channel.read(b, b.position()) > 0) {
        // keep reading the head
      }
    } catch (ClosedByInterruptException e) {
      throw e;
    } catch (IOException e) {
      // no signature: truncation is still found by size
    }
    f.head = Arrays.copyOf(b.array(), b.position());
  }
}
