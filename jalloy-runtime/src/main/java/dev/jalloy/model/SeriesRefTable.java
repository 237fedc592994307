package dev.jalloy.model;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Entries found by their series reference ({@link SeriesRefs}), for the per-sample lookups of the
 * metrics path: open addressing over a packed array of references beside an array of entries, so a
 * lookup neither boxes the reference nor follows map nodes, probes stay within a cache line or two,
 * and readers take no lock. Kept at most half full.
 *
 * <p>Each entry carries its own reference ({@link Entry#seriesRef()}, which must never change), so
 * a reader that races a writer can check what it found: a lookup may miss an entry that is being
 * added or moved by a resize, and may still return one that is being removed, but never returns
 * another reference's entry. Callers treat a miss as "look it up the slow way", which is what they
 * do for a reference that is not theirs anyway. Writers are serialised on the table.
 *
 * @param <V> the entry type
 */
public final class SeriesRefTable<V extends SeriesRefTable.Entry> {
  /** Something stored in a {@link SeriesRefTable}. */
  public interface Entry {
    /** The reference this entry is found by; constant for the entry's life, never 0. */
    long seriesRef();
  }

  private static final long FREE = 0; // no reference is 0
  private static final long REMOVED = -1; // a tombstone: probes go on past it
  private static final int MIN_CAPACITY = 16;

  /**
   * The references and their entries at the same index: probes walk the packed references, and only
   * a matching one costs a visit to its entry. Replaced whole when rebuilt, so a reader always
   * probes one consistent pair of arrays.
   */
  private record Slots(long[] refs, Object[] entries) {
    Slots(int capacity) {
      this(new long[capacity], new Object[capacity]);
    }
  }

  private volatile Slots slots = new Slots(MIN_CAPACITY);
  private int live; // guarded by this
  private int used; // live entries plus tombstones; guarded by this

  /** The entry with this reference, or null. */
  @SuppressWarnings("unchecked")
  public V get(long ref) {
    Slots t = slots;
    long[] refs = t.refs;
    int mask = refs.length - 1;
    int i = home(ref, mask);
    for (int probes = 0; probes < refs.length; probes++) {
      long r = refs[i];
      if (r == FREE) {
        return null;
      }
      if (r == ref) {
        // A racing writer may have changed the entry since the reference was read: check it.
        Object o = t.entries[i];
        return o != null && ((V) o).seriesRef() == ref ? (V) o : null;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Adds an entry whose reference is not in the table yet. */
  public synchronized void add(V entry) {
    if ((used + 1) * 2 > slots.refs.length) {
      rebuild(live + 1);
    }
    long ref = entry.seriesRef();
    long[] refs = slots.refs;
    int mask = refs.length - 1;
    int i = home(ref, mask);
    while (refs[i] != FREE && refs[i] != REMOVED) {
      i = (i + 1) & mask;
    }
    if (refs[i] == FREE) {
      used++;
    }
    slots.entries[i] = entry; // the entry before its reference, for readers probing now
    refs[i] = ref;
    live++;
  }

  /** Removes this entry; false when it is not in the table. */
  public synchronized boolean remove(V entry) {
    int i = indexOf(entry);
    if (i < 0) {
      return false;
    }
    slots.refs[i] = REMOVED;
    slots.entries[i] = null;
    live--;
    return true;
  }

  private int indexOf(V entry) {
    long ref = entry.seriesRef();
    long[] refs = slots.refs;
    int mask = refs.length - 1;
    int i = home(ref, mask);
    for (int probes = 0; probes < refs.length && refs[i] != FREE; probes++) {
      if (refs[i] == ref && slots.entries[i] == entry) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Removes every entry the predicate accepts. */
  @SuppressWarnings("unchecked")
  public synchronized void removeIf(Predicate<? super V> doomed) {
    Slots t = slots;
    for (int i = 0; i < t.refs.length; i++) {
      if (t.refs[i] != FREE && t.refs[i] != REMOVED && doomed.test((V) t.entries[i])) {
        t.refs[i] = REMOVED;
        t.entries[i] = null;
        live--;
      }
    }
    if (used > 2 * live + MIN_CAPACITY) {
      rebuild(live); // mostly tombstones: probes would get long
    }
  }

  /** Calls the action with every entry, in no particular order. */
  @SuppressWarnings("unchecked")
  public synchronized void forEach(Consumer<? super V> action) {
    Slots t = slots;
    for (int i = 0; i < t.refs.length; i++) {
      if (t.refs[i] != FREE && t.refs[i] != REMOVED) {
        action.accept((V) t.entries[i]);
      }
    }
  }

  /** Removes everything. */
  public synchronized void clear() {
    slots = new Slots(MIN_CAPACITY);
    live = 0;
    used = 0;
  }

  /** How many entries the table holds. */
  public synchronized int size() {
    return live;
  }

  /** Fresh arrays for {@code entries} entries at most a quarter full, without tombstones. */
  private void rebuild(int entries) {
    int capacity = MIN_CAPACITY;
    while (capacity < entries * 4L) {
      capacity <<= 1;
    }
    Slots old = slots;
    Slots fresh = new Slots(capacity);
    int mask = capacity - 1;
    for (int j = 0; j < old.refs.length; j++) {
      long ref = old.refs[j];
      if (ref != FREE && ref != REMOVED) {
        int i = home(ref, mask);
        while (fresh.refs[i] != FREE) {
          i = (i + 1) & mask;
        }
        fresh.refs[i] = ref;
        fresh.entries[i] = old.entries[j];
      }
    }
    used = live;
    slots = fresh; // published whole: readers see the old arrays or the complete new ones
  }

  /**
   * Eight consecutive references share an aligned block of eight slots (one cache line of the
   * reference array), and Fibonacci hashing scatters the blocks. References are mostly handed out
   * in sequence and used in the order they were made (a WAL's series in the order they were
   * defined), so neighbouring lookups often hit one cache line where a hash of each reference made
   * each one a miss on a table of megabytes (this cut the relabel and remote_write lookups of a
   * 100,000-series scrape bench from 15% to 11% of the CPU, before they moved to {@link
   * SlotRefTable}). Whole blocks are scattered rather than references kept in order: sequential
   * references in sequential slots make linear probing merge them into runs of thousands that every
   * miss walks.
   */
  private static int home(long ref, int mask) {
    int block = (int) (((ref >>> 3) * 0x9E3779B97F4A7C15L) >>> 32);
    return ((block << 3) | (int) (ref & 7)) & mask;
  }
}
