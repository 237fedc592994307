package dev.jalloy.service;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DistributionDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes the Prometheus text exposition format 0.0.4 for several registries at once: the process
 * registry, the controller's, and one per component, whose samples get {@code component_id} and
 * {@code component_path} labels.
 *
 * <p>Why not the client library's writer: it writes one {@code MetricSnapshots} whose families must
 * have unique names, so adding labels and merging the same family from several components would
 * mean copying every data point into new snapshots on each scrape. Writing the extra labels inline
 * while streaming costs nothing per sample, which matters with hundreds of components.
 */
final class MetricsExposition {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * One registry's snapshot.
   *
   * @param snapshots what the registry held at scrape time
   * @param componentId the component it belongs to; empty for process and controller metrics
   */
  record Source(MetricSnapshots snapshots, String componentId) {}

  private record Part(MetricSnapshot snapshot, String componentId) {}

  private static final class Family {
    final String name; // the exposed name, suffix included
    final MetricSnapshot first;
    final List<Part> parts = new ArrayList<>(2);

    Family(String name, MetricSnapshot first) {
      this.name = name;
      this.first = first;
    }
  }

  private final Writer out;
  private final char[] digits = new char[20];

  private MetricsExposition(Writer out) {
    this.out = out;
  }

  /**
   * Writes every family of {@code sources}, sorted by name, families of the same name merged.
   *
   * @return how many families were left out because a family of the same name and another type came
   *     first (a scraper would reject the whole page otherwise)
   */
  static int write(List<Source> sources, Writer out) throws IOException {
    TreeMap<String, Family> families = new TreeMap<>();
    int conflicts = 0;
    for (Source source : sources) {
      for (MetricSnapshot s : source.snapshots()) {
        if (s.getDataPoints().isEmpty()) {
          continue;
        }
        String name = exposedName(s);
        Family f = families.computeIfAbsent(name, n -> new Family(n, s));
        if (f.first.getClass() != s.getClass()) {
          conflicts++;
          continue;
        }
        f.parts.add(new Part(s, source.componentId()));
      }
    }
    MetricsExposition w = new MetricsExposition(out);
    for (Family f : families.values()) {
      w.writeFamily(f);
    }
    out.flush();
    return conflicts;
  }

  private static String exposedName(MetricSnapshot s) {
    String base = s.getMetadata().getPrometheusName();
    return switch (s) {
      case CounterSnapshot c -> base + "_total";
      case InfoSnapshot i -> base + "_info";
      default -> base;
    };
  }

  private void writeFamily(Family f) throws IOException {
    String help = f.first.getMetadata().getHelp();
    if (help != null && !help.isEmpty()) {
      out.write("# HELP ");
      out.write(f.name);
      out.write(' ');
      writeEscapedHelp(help);
      out.write('\n');
    }
    out.write("# TYPE ");
    out.write(f.name);
    out.write(' ');
    out.write(typeOf(f.first));
    out.write('\n');
    String base = f.first.getMetadata().getPrometheusName();
    for (Part p : f.parts) {
      String id = p.componentId();
      switch (p.snapshot()) {
        case CounterSnapshot c -> {
          for (var d : c.getDataPoints()) {
            sample(f.name, "", id, d, null, 0);
            writeDouble(d.getValue());
            end(d);
          }
        }
        case GaugeSnapshot g -> {
          for (var d : g.getDataPoints()) {
            sample(f.name, "", id, d, null, 0);
            writeDouble(d.getValue());
            end(d);
          }
        }
        case UnknownSnapshot u -> {
          for (var d : u.getDataPoints()) {
            sample(f.name, "", id, d, null, 0);
            writeDouble(d.getValue());
            end(d);
          }
        }
        case InfoSnapshot i -> {
          for (var d : i.getDataPoints()) {
            sample(f.name, "", id, d, null, 0);
            out.write('1');
            end(d);
          }
        }
        case HistogramSnapshot h -> writeHistogram(base, id, h);
        case SummarySnapshot s -> writeSummary(base, id, s);
        case StateSetSnapshot s -> writeStateSet(base, id, s);
        default -> {} // no other snapshot types exist in client_java 1.x
      }
    }
  }

  private static String typeOf(MetricSnapshot s) {
    return switch (s) {
      case CounterSnapshot c -> "counter";
      case HistogramSnapshot h -> "histogram";
      case SummarySnapshot m -> "summary";
      case UnknownSnapshot u -> "untyped";
      default -> "gauge"; // gauge; info and state sets are gauges in this format
    };
  }

  private void writeHistogram(String base, String id, HistogramSnapshot h) throws IOException {
    for (var d : h.getDataPoints()) {
      ClassicHistogramBuckets buckets = d.getClassicBuckets();
      if (buckets.isEmpty()) {
        // A native-only histogram still shows its count as the +Inf bucket in text format.
        sample(base, "_bucket", id, d, "le", Double.POSITIVE_INFINITY);
        writeLong(d.getCount());
        end(d);
      } else {
        long cumulative = 0;
        for (int i = 0; i < buckets.size(); i++) {
          cumulative += buckets.getCount(i);
          sample(base, "_bucket", id, d, "le", buckets.getUpperBound(i));
          writeLong(cumulative);
          end(d);
        }
      }
      writeCountAndSum(base, id, d);
    }
  }

  /** The {@code _count} and {@code _sum} series histograms and summaries share. */
  private void writeCountAndSum(String base, String id, DistributionDataPointSnapshot d)
      throws IOException {
    if (d.hasCount()) {
      sample(base, "_count", id, d, null, 0);
      writeLong(d.getCount());
      end(d);
    }
    if (d.hasSum()) {
      sample(base, "_sum", id, d, null, 0);
      writeDouble(d.getSum());
      end(d);
    }
  }

  private void writeSummary(String base, String id, SummarySnapshot s) throws IOException {
    for (var d : s.getDataPoints()) {
      for (Quantile q : d.getQuantiles()) {
        sample(base, "", id, d, "quantile", q.getQuantile());
        writeDouble(q.getValue());
        end(d);
      }
      writeCountAndSum(base, id, d);
    }
  }

  private void writeStateSet(String base, String id, StateSetSnapshot s) throws IOException {
    for (var d : s.getDataPoints()) {
      for (int i = 0; i < d.size(); i++) {
        out.write(base);
        out.write('{');
        boolean any = writeLabels(id, d.getLabels());
        if (any) {
          out.write(',');
        }
        out.write(base);
        out.write("=\"");
        writeEscapedValue(d.getName(i));
        out.write("\"} ");
        out.write(d.isTrue(i) ? '1' : '0');
        end(d);
      }
    }
  }

  /** Name, labels and the space before the value. */
  private void sample(
      String name, String suffix, String id, DataPointSnapshot d, String extraName, double extra)
      throws IOException {
    out.write(name);
    out.write(suffix);
    Labels labels = d.getLabels();
    if (id.isEmpty() && labels.isEmpty() && extraName == null) {
      out.write(' ');
      return;
    }
    out.write('{');
    boolean any = writeLabels(id, labels);
    if (extraName != null) {
      if (any) {
        out.write(',');
      }
      out.write(extraName);
      out.write("=\"");
      writeDouble(extra);
      out.write('"');
    }
    out.write("} ");
  }

  /** Writes the component labels, then the sample's own; returns whether any was written. */
  private boolean writeLabels(String id, Labels labels) throws IOException {
    boolean any = false;
    if (!id.isEmpty()) {
      out.write("component_id=\"");
      writeEscapedValue(id);
      out.write("\",component_path=\"/\"");
      any = true;
    }
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.getPrometheusName(i);
      // The runtime's labels win: a component cannot pose as another one.
      if (!id.isEmpty() && (name.equals("component_id") || name.equals("component_path"))) {
        continue;
      }
      if (any) {
        out.write(',');
      }
      out.write(name);
      out.write("=\"");
      writeEscapedValue(labels.getValue(i));
      out.write('"');
      any = true;
    }
    return any;
  }

  private void end(DataPointSnapshot d) throws IOException {
    if (d.hasScrapeTimestamp()) {
      out.write(' ');
      writeLong(d.getScrapeTimestampMillis());
    }
    out.write('\n');
  }

  private void writeEscapedHelp(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.write("\\\\");
        case '\n' -> out.write("\\n");
        default -> out.write(c);
      }
    }
  }

  private void writeEscapedValue(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.write("\\\\");
        case '"' -> out.write("\\\"");
        case '\n' -> out.write("\\n");
        default -> out.write(c);
      }
    }
  }

  private void writeDouble(double d) throws IOException {
    if (Double.isNaN(d)) {
      out.write("NaN");
    } else if (Double.isInfinite(d)) {
      out.write(d > 0 ? "+Inf" : "-Inf");
    } else if (d == (long) d && Math.abs(d) < 1e15 && !(d == 0 && 1 / d < 0)) {
      writeLong((long) d); // most samples are counts: print them without a String
    } else {
      out.write(Double.toString(d));
    }
  }

  private void writeLong(long v) throws IOException {
    if (v == Long.MIN_VALUE) {
      out.write(Long.toString(v));
      return;
    }
    int pos = digits.length;
    boolean negative = v < 0;
    long n = negative ? -v : v;
    do {
      digits[--pos] = (char) ('0' + (n % 10));
      n /= 10;
    } while (n != 0);
    if (negative) {
      digits[--pos] = '-';
    }
    out.write(digits, pos, digits.length - pos);
  }
}
