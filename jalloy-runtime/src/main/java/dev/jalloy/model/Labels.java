package dev.jalloy.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An immutable label set: names sorted, each name once, values non-empty (an empty value means "no
 * such label", as in Prometheus). Names and values live in one flat array, alternating, so a label
 * set is two objects however many labels it has; the hash is computed once, so series lookups
 * compare a 64-bit hash before they compare labels.
 *
 * <p>Series identity in jalloy is {@link #hash()} plus {@link #equals}, never a concatenated
 * string.
 */
public final class Labels implements Comparable<Labels> {
  public static final Labels EMPTY = new Labels(new String[0]);

  /** name0, value0, name1, value1, ... sorted by name. */
  private final String[] pairs;

  private final long hash;

  private Labels(String[] pairs) {
    this.pairs = pairs;
    this.hash = computeHash(pairs);
  }

  /** Labels from alternating names and values, in any order; empty values are dropped. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must pair up");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * Labels from the first {@code count} names, strictly ascending, and their values; empty or null
   * values are dropped. For callers that keep their labels sorted: no builder, no sort.
   *
   * @throws IllegalArgumentException when the names are not strictly ascending
   */
  public static Labels ofSorted(String[] names, String[] values, int count) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (i > 0 && names[i - 1].compareTo(names[i]) >= 0) {
        throw new IllegalArgumentException("label names out of order: " + names[i]);
      }
      if (values[i] != null && !values[i].isEmpty()) {
        n++;
      }
    }
    if (n == 0) {
      return EMPTY;
    }
    String[] pairs = new String[2 * n];
    int j = 0;
    for (int i = 0; i < count; i++) {
      if (values[i] != null && !values[i].isEmpty()) {
        pairs[j++] = names[i];
        pairs[j++] = values[i];
      }
    }
    return new Labels(pairs);
  }

  /** Labels from a map; empty values are dropped. */
  public static Labels of(Map<String, String> map) {
    if (map.isEmpty()) {
      return EMPTY;
    }
    if (map instanceof java.util.SortedMap<String, String> sorted && sorted.comparator() == null) {
      // already in name order (loki.process keeps its labels so): no builder, no sort
      int n = 0;
      for (String v : map.values()) {
        if (v != null && !v.isEmpty()) {
          n++;
        }
      }
      if (n == 0) {
        return EMPTY;
      }
      String[] pairs = new String[2 * n];
      int i = 0;
      for (Map.Entry<String, String> e : map.entrySet()) {
        String v = e.getValue();
        if (v != null && !v.isEmpty()) {
          pairs[i++] = e.getKey();
          pairs[i++] = v;
        }
      }
      return new Labels(pairs);
    }
    Builder b = builder();
    map.forEach(b::set);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these labels, for relabeling. */
  public Builder toBuilder() {
    Builder b = new Builder();
    forEach(b::set);
    return b;
  }

  public int size() {
    return pairs.length / 2;
  }

  public boolean isEmpty() {
    return pairs.length == 0;
  }

  public String name(int i) {
    return pairs[2 * i];
  }

  public String value(int i) {
    return pairs[2 * i + 1];
  }

  /** The value of {@code name}, or "" when absent (Prometheus' convention). */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? "" : pairs[2 * i + 1];
  }

  public Optional<String> find(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(pairs[2 * i + 1]);
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  private int indexOf(String name) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = pairs[2 * mid].compareTo(name);
      if (c == 0) {
        return mid;
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < pairs.length; i += 2) {
      action.accept(pairs[i], pairs[i + 1]);
    }
  }

  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    forEach(map::put);
    return map;
  }

  /** A stable 64-bit hash of the names and values (FNV-1a over the UTF-16 chars). */
  public long hash() {
    return hash;
  }

  /** Whether these are exactly the labels {@link #ofSorted} would build from the arrays. */
  public boolean sameAs(String[] names, String[] values, int count) {
    int j = 0;
    for (int i = 0; i < count; i++) {
      if (values[i] != null && !values[i].isEmpty()) {
        if (j + 1 >= pairs.length
            || !pairs[j].equals(names[i])
            || !pairs[j + 1].equals(values[i])) {
          return false;
        }
        j += 2;
      }
    }
    return j == pairs.length;
  }

  private static long computeHash(String[] pairs) {
    long h = 0xcbf29ce484222325L;
    for (String s : pairs) {
      h = mix(h, s);
    }
    return h;
  }

  /** FNV-1a over the string's chars, then a separator: ("ab","c") and ("a","bc") must differ. */
  private static long mix(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= 0xff;
    h *= 0x100000001b3L;
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof Labels other && other.hash == hash && Arrays.equals(other.pairs, pairs));
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hash);
  }

  /** Prometheus' order: label by label, name then value. */
  @Override
  public int compareTo(Labels o) {
    int n = Math.min(pairs.length, o.pairs.length);
    for (int i = 0; i < n; i++) {
      int c = pairs[i].compareTo(o.pairs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pairs.length, o.pairs.length);
  }

  /** {@code {a="1", b="2"}}, as Prometheus prints label sets. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
    }
    return sb.append('}').toString();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /**
   * Builds label sets: set and delete by name in any order, then {@link #build()} sorts once.
   * Reusable after {@link #reset()}, so a hot loop allocates only the result.
   */
  public static final class Builder {
    private final Map<String, String> labels = new java.util.HashMap<>();

    private Builder() {}

    /** Sets a label; an empty value deletes it. */
    public Builder set(String name, String value) {
      if (value == null || value.isEmpty()) {
        labels.remove(name);
      } else {
        labels.put(name, value);
      }
      return this;
    }

    public Builder delete(String name) {
      labels.remove(name);
      return this;
    }

    public String get(String name) {
      return labels.getOrDefault(name, "");
    }

    public Builder reset() {
      labels.clear();
      return this;
    }

    /** Names currently set, in no particular order; a copy, safe to iterate while editing. */
    public java.util.List<String> names() {
      return java.util.List.copyOf(labels.keySet());
    }

    public Labels build() {
      if (labels.isEmpty()) {
        return EMPTY;
      }
      String[] names = labels.keySet().toArray(new String[0]);
      Arrays.sort(names);
      String[] pairs = new String[names.length * 2];
      for (int i = 0; i < names.length; i++) {
        pairs[2 * i] = names[i];
        pairs[2 * i + 1] = labels.get(names[i]);
      }
      return new Labels(pairs);
    }
  }
}
