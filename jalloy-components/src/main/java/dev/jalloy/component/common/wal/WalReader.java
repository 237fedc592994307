package dev.jalloy.component.common.wal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * Iterates records from a position across segments. Not thread-safe: one reader per consumer (e.g.
 * one per remote-write endpoint). The consumer persists {@link WalRecord#next()} of the last
 * delivered record (see {@link PositionFile}) and calls {@link Wal#truncateBefore} with the lowest
 * acknowledged position of all consumers.
 *
 * <p>A position in a segment that no longer exists (truncated, dropped for the disk limit) moves to
 * the oldest remaining segment; a position past the end of a sealed segment moves to the next one.
 */
public final class WalReader implements AutoCloseable {

  private final Wal wal;
  private long seg;
  private long off;
  private Frame.SegmentReader cur;

  WalReader(Wal wal, Position from) {
    this.wal = wal;
    this.seg = from.segment();
    this.off = from.offset();
  }

  /** Position of the next record to be read (the acknowledged position after the last one read). */
  public Position position() {
    return new Position(seg, off);
  }

  /** The next visible record, or {@code null} if there is none yet. */
  public WalRecord next() throws IOException {
    return next(wal.visibleEnd());
  }

  /**
   * The next record, waiting up to {@code timeout} for one to become visible; {@code null} on
   * timeout or when the WAL is closed.
   */
  public WalRecord poll(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (wal.isClosed()) {
        return null;
      }
      Position vis = wal.visibleEnd();
      WalRecord r = next(vis);
      if (r != null) {
        return r;
      }
      if (!wal.awaitChange(vis, deadline - System.nanoTime())) {
        return null;
      }
    }
  }

  private WalRecord next(Position vis) throws IOException {
    while (true) {
      if (seg > vis.segment()) {
        // Ahead of the WAL (its directory was replaced): re-read from the oldest segment.
        moveTo(wal.segmentAtOrAfter(0));
        continue;
      }
      long existing = wal.segmentAtOrAfter(seg);
      if (existing != seg) {
        moveTo(existing);
        continue;
      }
      if (cur == null) {
        try {
          cur = new Frame.SegmentReader(seg, wal.openForRead(seg));
        } catch (NoSuchFileException e) {
          if (seg < vis.segment()) {
            moveTo(wal.segmentAtOrAfter(seg + 1));
            continue;
          }
          return null;
        }
      }
      boolean sealed = seg < vis.segment();
      long limit = sealed ? cur.size() : vis.offset();
      switch (cur.read(off, limit)) {
        case RECORD -> {
          Position at = new Position(seg, off);
          off = cur.nextOffset;
          return new WalRecord(at, new Position(seg, off), cur.payload);
        }
        case END -> {
          if (!sealed) {
            return null;
          }
          moveTo(wal.segmentAtOrAfter(seg + 1));
        }
        case CORRUPT -> {
          wal.reportCorrupt(seg, off);
          if (!sealed) {
            return null;
          }
          moveTo(wal.segmentAtOrAfter(seg + 1));
        }
      }
    }
  }

  private void moveTo(long segment) throws IOException {
    closeCurrent();
    seg = segment;
    off = 0;
  }

  private void closeCurrent() throws IOException {
    if (cur != null) {
      Frame.SegmentReader c = cur;
      cur = null;
      c.close();
    }
  }

  @Override
  public void close() throws IOException {
    closeCurrent();
  }
}
