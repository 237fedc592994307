package dev.jalloy.model;

import java.util.Arrays;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Entries that a table numbers itself, found by their reference with one array read: the reference
 * carries the slot of its entry in its low {@value #SLOT_BITS} bits, above a number from {@link
 * SeriesRefs}, so it is unique in the process as every series reference is. A lookup reads the slot
 * and checks that the entry there has that very reference, so a stale reference (its entry removed,
 * the slot reused) or a foreign one (another receiver's) is simply not found.
 *
 * <p>Slots are handed out in the order entries are added. A scrape adds its series in the order it
 * looks them up in every later scrape, so those lookups walk the entry array, and the entries
 * themselves (which a collection copies in the array's order), from front to back: where a hash
 * table made each lookup of a large table a few cache misses, this makes it mostly prefetched
 * reads. Use {@link SeriesRefTable} instead for references handed out by someone else.
 *
 * <p>Readers take no lock and may miss an entry that is being added; writers are serialised on the
 * table. Past 2<sup>24</sup>-1 entries at once, further entries get a reference no lookup finds,
 * which callers treat as they treat any miss (a lookup by labels).
 *
 * @param <V> the entry type
 */
public final class SlotRefTable<V extends SeriesRefTable.Entry> {
  /** How many low bits of a reference hold its slot. */
  static final int SLOT_BITS = 24;

  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
  private static final int NO_SLOT = (int) SLOT_MASK; // the slot of references never stored

  private volatile Object[] entries = new Object[16];
  private int[] free = new int[16]; // guarded by this; slots given back, reused last-in first-out
  private int freeCount; // guarded by this
  private int nextSlot; // guarded by this; slots below it have been handed out
  private int live; // guarded by this

  /**
   * Adds the entry {@code create} makes for a new reference, and returns it.
   *
   * @throws IllegalArgumentException when the entry does not carry the reference it was given
   */
  public synchronized V add(LongFunction<V> create) {
    int slot = freeCount > 0 ? free[--freeCount] : nextSlot < NO_SLOT ? nextSlot++ : NO_SLOT;
    long ref = (SeriesRefs.next() << SLOT_BITS) | slot;
    V entry;
    try {
      entry = create.apply(ref);
      if (entry.seriesRef() != ref) {
        throw new IllegalArgumentException("the entry must carry the reference it was made for");
      }
    } catch (RuntimeException e) {
      giveBack(slot);
      throw e;
    }
    if (slot != NO_SLOT) {
      Object[] table = entries;
      if (slot >= table.length) {
        table = Arrays.copyOf(table, Math.max(slot + 1, table.length * 2));
        table[slot] = entry;
        entries = table; // published whole: readers see the old array or the complete new one
      } else {
        table[slot] = entry;
      }
      live++;
    }
    return entry;
  }

  /** The entry with this reference, or null. */
  @SuppressWarnings("unchecked")
  public V get(long ref) {
    int slot = (int) (ref & SLOT_MASK);
    Object[] table = entries;
    if (slot >= table.length) {
      return null;
    }
    Object o = table[slot];
    return o != null && ((V) o).seriesRef() == ref ? (V) o : null;
  }

  /** Removes this entry; false when it is not in the table. */
  public synchronized boolean remove(V entry) {
    int slot = (int) (entry.seriesRef() & SLOT_MASK);
    Object[] table = entries;
    if (slot == NO_SLOT || slot >= table.length || table[slot] != entry) {
      return false;
    }
    table[slot] = null;
    live--;
    giveBack(slot);
    return true;
  }

  private void giveBack(int slot) {
    if (slot == NO_SLOT) {
      return;
    }
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = slot;
  }

  /** Removes every entry the predicate accepts. */
  @SuppressWarnings("unchecked")
  public synchronized void removeIf(Predicate<? super V> doomed) {
    Object[] table = entries;
    for (int slot = 0; slot < Math.min(nextSlot, table.length); slot++) {
      if (table[slot] != null && doomed.test((V) table[slot])) {
        table[slot] = null;
        live--;
        giveBack(slot);
      }
    }
  }

  /** Removes everything and starts numbering slots from the front again. */
  public synchronized void clear() {
    entries = new Object[16];
    free = new int[16];
    freeCount = 0;
    nextSlot = 0;
    live = 0;
  }

  /** How many entries the table holds. */
  public synchronized int size() {
    return live;
  }
}
