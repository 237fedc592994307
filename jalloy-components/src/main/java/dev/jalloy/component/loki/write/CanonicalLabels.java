package dev.jalloy.component.loki.write;

import dev.jalloy.model.Labels;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link Labels} object for each label set seen lately, so that maps keyed by label sets find
 * them by identity. Forgets everything when it holds {@code limit} sets: a bound on memory that a
 * stream's churn cannot grow, at the price of one comparison per set the next time it is seen. For
 * one thread.
 */
final class CanonicalLabels {
  private final int limit;
  private final Map<Labels, Labels> seen = new HashMap<>();

  CanonicalLabels(int limit) {
    this.limit = limit;
  }

  /** The object kept for these labels: {@code labels} itself the first time they are seen. */
  Labels canonical(Labels labels) {
    Labels kept = seen.get(labels);
    if (kept != null) {
      return kept;
    }
    if (seen.size() >= limit) {
      seen.clear();
    }
    seen.put(labels, labels);
    return labels;
  }
}
