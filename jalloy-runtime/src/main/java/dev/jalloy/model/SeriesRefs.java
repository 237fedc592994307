package dev.jalloy.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out series references that are unique in the whole process.
 *
 * <p>A reference returned by one receiver may later be passed to another one (a {@code forward_to}
 * list changed under a running scrape, a fan-out was rebuilt). Because every receiver draws its
 * references from this one sequence, a foreign reference can never name one of the receiver's own
 * series: the receiver simply does not find it and falls back to the labels. Alloy gets the same
 * guarantee from its global label store.
 */
public final class SeriesRefs {
  private static final AtomicLong NEXT = new AtomicLong();

  private SeriesRefs() {}

  /** A reference no other series in this process has or will have; never 0. */
  public static long next() {
    return NEXT.incrementAndGet();
  }
}
