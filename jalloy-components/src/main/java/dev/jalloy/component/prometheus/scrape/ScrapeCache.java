package dev.jalloy.component.prometheus.scrape;

import dev.jalloy.component.prometheus.scrape.textparse.TextParser;
import dev.jalloy.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's memory of the series it scrapes, as Prometheus' {@code scrapeCache}: the text of a
 * series line (name and label set) maps to the labels built from it and the reference the receiver
 * returned, so a series seen before costs a hash and a byte comparison instead of label parsing,
 * merging and hashing, and its sample reaches the receiver with a reference.
 *
 * <p>Two spellings of one series (labels in another order, extra blanks) share one {@link Series}:
 * the labels decide identity, the text is only a shortcut to them. A series also remembers the
 * scrape that last reported it, which is how duplicates in one scrape and series that disappeared
 * are found without sets of labels. Not thread-safe: one scrape loop owns it.
 */
final class ScrapeCache {
  /** A series of the target, however many spellings it has. */
  static final class Series {
    final Labels labels;

    /** The receiver's reference for the series, 0 until it gave one. */
    long ref;

    /** The number of the scrape that last reported the series, 0 when none did. */
    long lastScrape;

    /** Whether the series gets a stale marker when it disappears (no explicit timestamp). */
    boolean tracksStaleness = true;

    Series(Labels labels) {
      this.labels = labels;
    }
  }

  private static final class Spelling {
    final byte[] text;
    final int hash;
    final Series series;
    Spelling next;

    Spelling(byte[] text, int hash, Series series, Spelling next) {
      this.text = text;
      this.hash = hash;
      this.series = series;
      this.next = next;
    }
  }

  private Spelling[] table = new Spelling[256];
  private int spellings;
  private final Map<Labels, Series> byLabels = new HashMap<>();

  /** A cache that knows {@code series} by their labels only, for a loop that takes over. */
  static ScrapeCache adopting(List<Series> series) {
    ScrapeCache cache = new ScrapeCache();
    for (Series s : series) {
      cache.byLabels.put(s.labels, s);
    }
    return cache;
  }

  /** The series the parser's current line spells, or null when this spelling is new. */
  Series find(TextParser parser, int hash) {
    for (Spelling s = table[hash & (table.length - 1)]; s != null; s = s.next) {
      if (s.hash == hash && parser.seriesEquals(s.text)) {
        return s.series;
      }
    }
    return null;
  }

  /**
   * Remembers the parser's current spelling for the series with these labels, which is created
   * unless another spelling already made it.
   */
  Series add(TextParser parser, int hash, Labels labels) {
    Series series = byLabels.computeIfAbsent(labels, Series::new);
    if (spellings >= table.length) {
      grow();
    }
    int slot = hash & (table.length - 1);
    table[slot] = new Spelling(parser.seriesBytes(), hash, series, table[slot]);
    spellings++;
    return series;
  }

  /** The number of distinct series remembered. */
  int size() {
    return byLabels.size();
  }

  /**
   * Forgets every series not reported by scrape {@code scrape}, as Prometheus drops cache entries a
   * scrape did not see: the cache follows the target's current series, not its history.
   */
  void retainReportedIn(long scrape) {
    if (byLabels.size() == 0) {
      return;
    }
    byLabels.values().removeIf(s -> s.lastScrape != scrape);
    for (int i = 0; i < table.length; i++) {
      Spelling kept = null;
      for (Spelling s = table[i]; s != null; ) {
        Spelling next = s.next;
        if (s.series.lastScrape == scrape) {
          s.next = kept;
          kept = s;
        } else {
          spellings--;
        }
        s = next;
      }
      table[i] = kept;
    }
  }

  /** Every series remembered, for stale markers when the target goes away. */
  List<Series> all() {
    return new ArrayList<>(byLabels.values());
  }

  private void grow() {
    Spelling[] old = table;
    table = new Spelling[old.length * 2];
    for (Spelling head : old) {
      for (Spelling s = head; s != null; ) {
        Spelling next = s.next;
        int slot = s.hash & (table.length - 1);
        s.next = table[slot];
        table[slot] = s;
        s = next;
      }
    }
  }
}
