package dev.jalloy.component.prometheus.scrape;

import dev.jalloy.component.prometheus.scrape.textparse.TextParser;
import dev.jalloy.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Where the scrape that last reported this spelling had it, in {@code reported} order. */
    int reportedAt = -1;

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

  // A target answers with the same series in the same order scrape after scrape, so the next line
  // is almost always the one that followed the last match in the previous scrape: it is compared
  // first, with no hashing and no table probe. The hash table is the fallback, and resynchronises.
  private Spelling[] expected = new Spelling[0]; // the last successful scrape's spellings, in order
  private int expectedSize;
  private Spelling[] reported = new Spelling[64]; // this scrape's, so far
  private int reportedSize;
  private int cursor; // the index in expected of the next line's likely spelling

  /** A cache that knows {@code series} by their labels only, for a loop that takes over. */
  static ScrapeCache adopting(List<Series> series) {
    ScrapeCache cache = new ScrapeCache();
    for (Series s : series) {
      cache.byLabels.put(s.labels, s);
    }
    return cache;
  }

  /** Called before the lines of a scrape are looked up. */
  void beginScrape() {
    Arrays.fill(reported, 0, reportedSize, null);
    reportedSize = 0;
    cursor = 0;
  }

  /**
   * Called once a scrape was committed: its order is what the next one is expected to follow. (A
   * failed scrape leaves the expectation with the last good one, whose spellings are all kept.)
   */
  void endSuccessfulScrape() {
    Spelling[] previous = expected;
    expected = reported;
    expectedSize = reportedSize;
    Arrays.fill(previous, null);
    reported = previous.length > 0 ? previous : new Spelling[64];
    reportedSize = 0;
  }

  /** The series the parser's current line spells, or null when this spelling is new. */
  Series find(TextParser parser) {
    if (cursor < expectedSize) {
      Spelling likely = expected[cursor];
      if (parser.seriesEquals(likely.text)) {
        cursor++;
        report(likely);
        return likely.series;
      }
    }
    int hash = parser.seriesHash();
    for (Spelling s = table[hash & (table.length - 1)]; s != null; s = s.next) {
      if (s.hash == hash && parser.seriesEquals(s.text)) {
        int at = s.reportedAt;
        if (at >= 0 && at < expectedSize && expected[at] == s) {
          cursor = at + 1; // lines were added or removed before it: follow on from here
        }
        report(s);
        return s.series;
      }
    }
    return null;
  }

  /**
   * Remembers the parser's current spelling for the series with these labels, which is created
   * unless another spelling already made it.
   */
  Series add(TextParser parser, Labels labels) {
    Series series = byLabels.computeIfAbsent(labels, Series::new);
    if (spellings >= table.length) {
      grow();
    }
    int hash = parser.seriesHash();
    int slot = hash & (table.length - 1);
    Spelling spelling = new Spelling(parser.seriesBytes(), hash, series, table[slot]);
    table[slot] = spelling;
    spellings++;
    report(spelling);
    return series;
  }

  private void report(Spelling s) {
    if (reportedSize == reported.length) {
      reported = Arrays.copyOf(reported, reportedSize * 2);
    }
    s.reportedAt = reportedSize;
    reported[reportedSize++] = s;
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
