package dev.jalloy.model;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Entries found by their series reference ({@link SeriesRefs}), for the per-sample lookups of the
 * metrics path: an open-addressing table of the entries themselves, so a lookup neither boxes the
 * reference nor follows a map node, and readers take no lock.
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

  private static final Object REMOVED = new Object();
  private static final int MIN_CAPACITY = 16;

  // Slots hold an entry, REMOVED (a tombstone, so probes go on past it) or null (end of a probe).
  // Replaced, never resized in place, so a reader always probes one consistent array.
  private volatile Object[] slots = new Object[MIN_CAPACITY];
  private int live; // guarded by this
  private int used; // live entries plus tombstones; guarded by this

  /** The entry with this reference, or null. */
  @SuppressWarnings("unchecked")
  public V get(long ref) {
    Object[] t = slots;
    int mask = t.length - 1;
    int i = home(ref, mask);
    for (int probes = 0; probes < t.length; probes++) {
      Object o = t[i];
      if (o == null) {
        return null;
      }
      if (o != REMOVED && ((V) o).seriesRef() == ref) {
        return (V) o;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Adds an entry whose reference is not in the table yet. */
  public synchronized void add(V entry) {
    if ((used + 1) * 4 > slots.length * 3) {
      rebuild(live + 1);
    }
    Object[] t = slots;
    int mask = t.length - 1;
    int i = home(entry.seriesRef(), mask);
    while (t[i] != null && t[i] != REMOVED) {
      i = (i + 1) & mask;
    }
    if (t[i] == null) {
      used++;
    }
    t[i] = entry;
    live++;
  }

  /** Removes this entry; false when it is not in the table. */
  public synchronized boolean remove(V entry) {
    Object[] t = slots;
    int mask = t.length - 1;
    int i = home(entry.seriesRef(), mask);
    for (int probes = 0; probes < t.length && t[i] != null; probes++) {
      if (t[i] == entry) {
        t[i] = REMOVED;
        live--;
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  /** Removes every entry the predicate accepts. */
  @SuppressWarnings("unchecked")
  public synchronized void removeIf(Predicate<? super V> doomed) {
    Object[] t = slots;
    for (int i = 0; i < t.length; i++) {
      if (t[i] != null && t[i] != REMOVED && doomed.test((V) t[i])) {
        t[i] = REMOVED;
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
    for (Object o : slots) {
      if (o != null && o != REMOVED) {
        action.accept((V) o);
      }
    }
  }

  /** Removes everything. */
  public synchronized void clear() {
    slots = new Object[MIN_CAPACITY];
    live = 0;
    used = 0;
  }

  /** How many entries the table holds. */
  public synchronized int size() {
    return live;
  }

  /** A fresh array for {@code entries} entries at most a third full, without tombstones. */
  private void rebuild(int entries) {
    int capacity = MIN_CAPACITY;
    while (capacity < entries * 3L) {
      capacity <<= 1;
    }
    Object[] fresh = new Object[capacity];
    int mask = capacity - 1;
    for (Object o : slots) {
      if (o != null && o != REMOVED) {
        int i = home(((Entry) o).seriesRef(), mask);
        while (fresh[i] != null) {
          i = (i + 1) & mask;
        }
        fresh[i] = o;
      }
    }
    used = live;
    slots = fresh; // published whole: readers see the old array or the complete new one
  }

  /** Fibonacci hashing: references are consecutive numbers, this spreads them over the table. */
  private static int home(long ref, int mask) {
    return (int) ((ref * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
