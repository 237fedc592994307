package dev.jalloy.component.loki.process;

import dev.jalloy.model.Labels;

/**
 * The label sets a pipeline handed out lately, found by content: a pipeline that sets a few labels
 * from each line (stage.labels of a level, a status) produces the same handful of sets again and
 * again, and handing out the same {@link Labels} instance saves building it and lets the consumers'
 * maps (loki.write's queue records and streams) match it by identity instead of comparing every
 * label. Direct-mapped and small: a set that loses its slot is simply built again. For one thread
 * at a time (loki.process's lock).
 */
final class RecentLabels {
  private static final int SLOTS = 256; // a power of two

  private final Labels[] slots = new Labels[SLOTS];

  /** The labels of these sorted arrays (empty values left out), reused when seen lately. */
  Labels of(String[] names, String[] values, int count) {
    // Strings cache their hash codes, and most of these strings (names, a file name) are the same
    // instances entry after entry: far cheaper than Labels' own hash over every character.
    int h = 1;
    for (int i = 0; i < count; i++) {
      if (values[i] != null && !values[i].isEmpty()) {
        h = 31 * (31 * h + names[i].hashCode()) + values[i].hashCode();
      }
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    Labels recent = slots[slot];
    if (recent != null && recent.sameAs(names, values, count)) {
      return recent;
    }
    Labels built = Labels.ofSorted(names, values, count);
    slots[slot] = built;
    return built;
  }
}
