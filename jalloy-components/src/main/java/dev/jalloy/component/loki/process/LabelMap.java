package dev.jalloy.component.loki.process;

import dev.jalloy.model.Labels;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An entry's stream labels while it is in {@code loki.process}: a map kept in name order, as the
 * {@code TreeMap} it replaces, in two parallel arrays. An entry has a handful of labels, so a
 * binary search over an array beats a tree, there is no node per label, and the labels leave for a
 * {@link Labels} without a sort. Iteration is in name order; its iterator removes.
 */
final class LabelMap extends AbstractMap<String, String> {
  private String[] names;
  private String[] values;
  private int size;
  private int modCount;
  private Labels unchanged; // what the map was made from, until the first change

  /** An empty map with room for {@code capacity} labels. */
  LabelMap(int capacity) {
    names = new String[Math.max(capacity, 4)];
    values = new String[names.length];
  }

  /** The labels of an entry, with room for a few more. */
  static LabelMap of(Labels labels) {
    LabelMap m = new LabelMap(labels.size() + 4);
    for (int i = 0; i < labels.size(); i++) {
      m.names[i] = labels.name(i);
      m.values[i] = labels.value(i);
    }
    m.size = labels.size();
    m.unchanged = labels;
    return m;
  }

  /** A copy. */
  LabelMap copy() {
    LabelMap m = new LabelMap(names.length);
    System.arraycopy(names, 0, m.names, 0, size);
    System.arraycopy(values, 0, m.values, 0, size);
    m.size = size;
    m.unchanged = unchanged;
    return m;
  }

  /**
   * The labels with a non-empty value, as they leave the pipeline: the set the map was made from
   * when no stage changed it (no copy, no new hash).
   */
  Labels toLabels() {
    return unchanged != null ? unchanged : Labels.ofSorted(names, values, size);
  }

  /** As {@link #toLabels()}, reusing a set {@code recent} handed out before when it is the same. */
  Labels toLabels(RecentLabels recent) {
    return unchanged != null ? unchanged : recent.of(names, values, size);
  }

  private int indexOf(Object key) {
    if (!(key instanceof String k)) {
      if (key == null) {
        throw new NullPointerException("label name");
      }
      return -1 - size; // never present
    }
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = names[mid].compareTo(k);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1 - lo;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i >= 0 ? values[i] : null;
  }

  @Override
  public String put(String key, String value) {
    int i = indexOf(key);
    if (i >= 0) {
      String old = values[i];
      if (!java.util.Objects.equals(old, value)) {
        values[i] = value;
        unchanged = null;
      }
      return old;
    }
    int at = -1 - i;
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    System.arraycopy(names, at, names, at + 1, size - at);
    System.arraycopy(values, at, values, at + 1, size - at);
    names[at] = key;
    values[at] = value;
    size++;
    modCount++;
    unchanged = null;
    return null;
  }

  @Override
  public String remove(Object key) {
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    String old = values[i];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    System.arraycopy(names, i + 1, names, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    names[size] = null;
    values[size] = null;
    modCount++;
    unchanged = null;
  }

  @Override
  public void clear() {
    Arrays.fill(names, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    modCount++;
    unchanged = null;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    int expected = modCount;
    for (int i = 0; i < size; i++) {
      action.accept(names[i], values[i]);
      if (modCount != expected) {
        throw new ConcurrentModificationException();
      }
    }
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;
          private int last = -1;
          private int expected = modCount;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (modCount != expected) {
              throw new ConcurrentModificationException();
            }
            if (next >= size) {
              throw new NoSuchElementException();
            }
            last = next++;
            return new Entry(last);
          }

          @Override
          public void remove() {
            if (last < 0) {
              throw new IllegalStateException();
            }
            if (modCount != expected) {
              throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
          }
        };
      }
    };
  }

  /** A label as iteration sees it; {@link #setValue} writes through until the map changes. */
  private final class Entry implements Map.Entry<String, String> {
    private final int index;
    private final String name;

    Entry(int index) {
      this.index = index;
      this.name = names[index];
    }

    @Override
    public String getKey() {
      return name;
    }

    @Override
    public String getValue() {
      return index < size && names[index] == name ? values[index] : get(name);
    }

    @Override
    public String setValue(String value) {
      return put(name, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Map.Entry<?, ?> e
          && name.equals(e.getKey())
          && java.util.Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return name.hashCode() ^ java.util.Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return name + "=" + getValue();
    }
  }
}
