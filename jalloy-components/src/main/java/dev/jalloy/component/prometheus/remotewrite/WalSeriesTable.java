package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.model.Labels;
import dev.jalloy.model.SeriesRefTable;
import dev.jalloy.model.SeriesRefs;
import dev.jalloy.model.SlotRefTable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series the WAL writer knows: each has an id (its number in the WAL's records), a reference
 * handed to producers (found with one array read, {@link SlotRefTable}) and the segment it was last
 * defined in. Definitions are written per segment ({@link SeriesRecordCodec}), so the table is also
 * what lets a segment read on its own.
 *
 * <p>Producers resolve series concurrently; {@code definedIn} is only read and written while a
 * record is built, which the WAL does under its write lock, one record at a time.
 */
final class WalSeriesTable {
  /** One series. */
  static final class Series implements SeriesRefTable.Entry {
    /** Its number in the WAL's records: small, so a sample costs few bytes. */
    final long id = SeriesRefs.next();

    /** The reference handed to producers, which the table finds with one array read. */
    final long ref;

    final Labels labels;

    /** The segment whose definition this series last got; -1 for none. Under the WAL lock. */
    long definedIn = -1;

    Series(long ref, Labels labels) {
      this.ref = ref;
      this.labels = labels;
    }

    @Override
    public long seriesRef() {
      return ref;
    }
  }

  private final ConcurrentHashMap<Labels, Series> byLabels = new ConcurrentHashMap<>();
  private final SlotRefTable<Series> byRef = new SlotRefTable<>();
  private long sweptFor = -1; // under the WAL lock

  /** The series for a producer's reference, or by its labels when the reference is not ours. */
  Series resolve(long ref, Labels labels) {
    if (ref != 0) {
      Series s = byRef.get(ref);
      if (s != null) {
        return s;
      }
    }
    Series s = byLabels.get(labels);
    if (s == null) {
      s = byLabels.computeIfAbsent(labels, this::added);
    }
    return s;
  }

  private Series added(Labels labels) {
    return byRef.add(ref -> new Series(ref, labels));
  }

  /**
   * Called while building a record for {@code segment}: on the first record of a new segment,
   * forgets the series that were defined in neither that segment nor the one before, so the table
   * follows the live series rather than every series ever seen. A producer still holding a
   * forgotten series' reference falls back to its labels and gets a new one.
   */
  void enterSegment(long segment) {
    if (segment == sweptFor) {
      return;
    }
    sweptFor = segment;
    byLabels.values().removeIf(s -> s.definedIn < segment - 1);
    byRef.removeIf(s -> byLabels.get(s.labels) != s);
  }

  /** After a failed write, nothing written may count as defined: define everything again. */
  void forgetDefinitions() {
    byLabels.values().forEach(s -> s.definedIn = -1);
  }
}
