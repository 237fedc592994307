package dev.jalloy.component.prometheus.exporter.unix;

import dev.jalloy.syntax.go.GoFloat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prints families in the Prometheus text format 0.0.4 the way client_golang's registry does:
 * families sorted by name, samples sorted by their label values (labels in name order), floats in
 * Go's shortest {@code %g} form, {@code # HELP} and {@code # TYPE} before each family.
 */
public final class ExpositionWriter {
  private ExpositionWriter() {}

  /** The content type of what {@link #write} produces. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Comparator<MetricSink.Family> BY_NAME =
      Comparator.comparing(MetricSink.Family::name);

  private static final Comparator<MetricSink.Sample> BY_LABEL_VALUES =
      (a, b) -> {
        String[] x = a.labels();
        String[] y = b.labels();
        int n = Math.min(x.length, y.length);
        for (int i = 1; i < n; i += 2) {
          int c = x[i].compareTo(y[i]);
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(x.length, y.length);
      };

  /**
   * Writes every family of every sink. Families of the same name from different sinks are merged
   * (the first one's type and help win), as they would be in one registry.
   */
  public static void write(Iterable<MetricSink> sinks, StringBuilder out) {
    // one sort of all families (a stable sort keeps the sinks' order within a name) is cheaper than
    // a TreeMap of lists: a scrape has several hundred families, nearly all of one sink each
    List<MetricSink.Family> all = new ArrayList<>(512);
    for (MetricSink sink : sinks) {
      all.addAll(sink.families());
    }
    all.sort(BY_NAME);
    List<MetricSink.Sample> merged = new ArrayList<>();
    for (int from = 0, to; from < all.size(); from = to) {
      MetricSink.Family first = all.get(from);
      to = from + 1;
      while (to < all.size() && all.get(to).name().equals(first.name())) {
        to++;
      }
      List<MetricSink.Sample> samples;
      if (to == from + 1) {
        samples = new ArrayList<>(first.samples());
      } else {
        merged.clear();
        for (int k = from; k < to; k++) {
          merged.addAll(all.get(k).samples());
        }
        samples = merged;
      }
      if (samples.isEmpty()) {
        continue; // client_golang drops families without metrics
      }
      samples.sort(BY_LABEL_VALUES);
      out.append("# HELP ").append(first.name()).append(' ');
      appendEscaped(out, first.help(), false);
      out.append('\n');
      out.append("# TYPE ").append(first.name()).append(' ').append(first.type().text());
      out.append('\n');
      for (MetricSink.Sample sample : samples) {
        String[] labels = sample.labels();
        String ownName = sample.label(MetricSink.SAMPLE_NAME); // a histogram's _bucket, _sum...
        out.append(ownName != null ? ownName : first.name());
        if (labels.length > (ownName != null ? 2 : 0)) {
          out.append('{');
          boolean firstLabel = true;
          for (int i = 0; i < labels.length; i += 2) {
            if (labels[i].equals(MetricSink.SAMPLE_NAME)) {
              continue;
            }
            if (!firstLabel) {
              out.append(',');
            }
            firstLabel = false;
            out.append(labels[i]).append("=\"");
            appendEscaped(out, labels[i + 1], true);
            out.append('"');
          }
          out.append('}');
        }
        out.append(' ');
        appendValue(out, sample.value());
        out.append('\n');
      }
    }
  }

  /** Go's {@code strconv.AppendFloat(v, 'g', -1, 64)} with fast paths for small integers. */
  static void appendValue(StringBuilder out, double value) {
    // %g switches to an exponent at 1e+06; below that an integral value prints as digits.
    if (value == Math.rint(value) && Math.abs(value) < 1e6) {
      if (value == 0 && 1 / value < 0) {
        out.append("-0");
      } else {
        out.append((long) value);
      }
      return;
    }
    GoFloat.append(out, value, 'g', -1);
  }

  /** HELP text escapes backslash and newline; label values also escape the double quote. */
  private static void appendEscaped(StringBuilder out, String s, boolean quote) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(quote ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }
}
