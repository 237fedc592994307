package dev.jalloy.component.prometheus.scrape.textparse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns short byte ranges into Strings, returning the same String for the same bytes while it stays
 * cached. A scrape target exposes the same label names and mostly the same values every time, so
 * one cache kept per target saves nearly all label String allocations after the first scrape.
 *
 * <p>Direct-mapped (one slot per hash bucket, a collision replaces) so memory stays bounded by the
 * slot count whatever a target sends. Not thread-safe: one per scrape loop.
 */
public final class StringCache {
  /** Longer strings are not worth caching: they are rarely repeated and cost memory. */
  static final int MAX_CACHED_LENGTH = 96;

  private final byte[][] keys;
  private final String[] values;
  private final int mask;

  /** A cache with {@code slots} entries, rounded up to a power of two. */
  public StringCache(int slots) {
    int n = Integer.highestOneBit(Math.max(16, slots - 1) << 1);
    keys = new byte[n][];
    values = new String[n];
    mask = n - 1;
  }

  public StringCache() {
    this(4096);
  }

  /** The string for {@code b[from, to)}, which must be valid UTF-8. */
  String get(byte[] b, int from, int to, boolean ascii) {
    int len = to - from;
    if (len > MAX_CACHED_LENGTH) {
      return decode(b, from, to, ascii);
    }
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    int slot = (h ^ (h >>> 15)) & mask;
    byte[] k = keys[slot];
    if (k != null && Arrays.equals(k, 0, k.length, b, from, to)) {
      return values[slot];
    }
    String s = decode(b, from, to, ascii);
    keys[slot] = Arrays.copyOfRange(b, from, to);
    values[slot] = s;
    return s;
  }

  static String decode(byte[] b, int from, int to, boolean ascii) {
    // ISO-8859-1 is a plain widening copy (and compact strings keep it as bytes), while the
    // UTF-8 decoder has to check every byte.
    return new String(
        b, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }
}
