package dev.jalloy.service;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jetty.util.Fields;

/**
 * The {@code name[]} parameters of a {@code /metrics} request, as Prometheus' Java client reads
 * them: with none, every family is written; otherwise the families one of the names names, by the
 * family's name or by the name of one of its samples ({@code x_total}, {@code x_count} and {@code
 * x} all pick family {@code x}). A caller that watches one counter, such as a benchmark waiting for
 * a count, then costs the agent that counter's collection rather than a full exposition.
 */
final class MetricNames {
  /** What the exposition appends to a family's name to name its samples. */
  private static final List<String> SAMPLE_SUFFIXES =
      List.of("_total", "_info", "_count", "_sum", "_bucket", "_created");

  private MetricNames() {}

  /** A predicate over family names (without the suffixes above), from the request's query. */
  static Predicate<String> fromQuery(Fields query) {
    List<String> names = query == null ? null : query.getValues("name[]");
    if (names == null || names.isEmpty()) {
      return family -> true;
    }
    Set<String> wanted = Set.copyOf(names);
    return family ->
        wanted.contains(family)
            || SAMPLE_SUFFIXES.stream().anyMatch(suffix -> wanted.contains(family + suffix));
  }
}
