package dev.jalloy.component.common.wal;

/**
 * A place in the WAL: the byte {@code offset} of a record boundary inside segment {@code segment}.
 * Positions are totally ordered by segment, then offset. A reader's acknowledged position is the
 * {@link WalRecord#next()} of the last record it delivered.
 */
public record Position(long segment, long offset) implements Comparable<Position> {

  /** Before every segment: a reader starting here reads from the oldest segment on disk. */
  public static final Position START = new Position(0, 0);

  public Position {
    if (segment < 0 || offset < 0) {
      throw new IllegalArgumentException("negative position: " + segment + "/" + offset);
    }
  }

  @Override
  public int compareTo(Position o) {
    int c = Long.compare(segment, o.segment);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }

  boolean isAfter(Position o) {
    return compareTo(o) > 0;
  }

  static Position max(Position a, Position b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    return String.format("%08d@%d", segment, offset);
  }
}
