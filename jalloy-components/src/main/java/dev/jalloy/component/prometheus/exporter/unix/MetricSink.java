package dev.jalloy.component.prometheus.exporter.unix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a collector writes its metrics during one scrape. Families are created on first use and
 * collect samples; {@link ExpositionWriter} sorts and prints them as node_exporter's registry
 * would.
 *
 * <pre>
 * sink.gauge("node_load1", "1m load average.", 0.52);
 * MetricSink.Family seconds = sink.family("node_cpu_seconds_total", MetricType.COUNTER,
 *     "Seconds the CPUs spent in each mode.");
 * seconds.add(1234.5, "cpu", "0", "mode", "idle");
 * </pre>
 *
 * <p>Not thread-safe: each collector gets its own sink per scrape.
 */
public final class MetricSink {
  /**
   * A pseudo label that gives a sample its own metric name, for families whose samples are named
   * after the family with a suffix (histogram {@code _bucket}, {@code _sum}, {@code _count}). The
   * writer prints its value as the name and drops the label.
   */
  public static final String SAMPLE_NAME = "__name__";

  private final Map<String, Family> families = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>(0);

  /**
   * The family with this name, created with the given type and help on first use. Asking again with
   * the same name returns the same family (its first type and help win).
   */
  public Family family(String name, MetricType type, String help) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    return families.computeIfAbsent(name, n -> new Family(n, type, help));
  }

  /** Adds one gauge sample; {@code labels} alternate names and values. */
  public void gauge(String name, String help, double value, String... labels) {
    family(name, MetricType.GAUGE, help).add(value, labels);
  }

  /** Adds one counter sample; {@code labels} alternate names and values. */
  public void counter(String name, String help, double value, String... labels) {
    family(name, MetricType.COUNTER, help).add(value, labels);
  }

  /** Adds one untyped sample; {@code labels} alternate names and values. */
  public void untyped(String name, String help, double value, String... labels) {
    family(name, MetricType.UNTYPED, help).add(value, labels);
  }

  /**
   * Reports a problem that does not fail the collector (a bad textfile, a device that cannot be
   * read): the scrape logs it as a warning, once per distinct message.
   */
  public void warn(String message) {
    warnings.add(message);
  }

  /** The problems reported with {@link #warn} during this scrape. */
  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** The families written so far, in the order they were created. */
  public Collection<Family> families() {
    return Collections.unmodifiableCollection(families.values());
  }

  /** A metric family: a name, a type, a help text and its samples. */
  public static final class Family {
    private final String name;
    private final MetricType type;
    private final String help;
    private final List<Sample> samples = new ArrayList<>();

    Family(String name, MetricType type, String help) {
      this.name = name;
      this.type = type;
      this.help = help;
    }

    /**
     * Adds a sample. {@code labels} alternate label names and values ({@code "cpu", "0", "mode",
     * "idle"}); they may come in any order and are sorted by name here, as a registry does.
     */
    public Family add(double value, String... labels) {
      if (labels.length % 2 != 0) {
        throw new IllegalArgumentException(
            name + ": labels must alternate names and values: " + Arrays.toString(labels));
      }
      samples.add(new Sample(sortedByName(labels), value));
      return this;
    }

    /** The metric name. */
    public String name() {
      return name;
    }

    /** The exposition type. */
    public MetricType type() {
      return type;
    }

    /** The help text, unescaped. */
    public String help() {
      return help;
    }

    /** The samples in the order they were added. */
    public List<Sample> samples() {
      return Collections.unmodifiableList(samples);
    }

    private static String[] sortedByName(String[] labels) {
      String[] pairs = labels.clone();
      // insertion sort over pairs: label sets are small (rarely more than six names)
      for (int i = 2; i < pairs.length; i += 2) {
        String n = pairs[i];
        String v = pairs[i + 1];
        int j = i - 2;
        while (j >= 0 && pairs[j].compareTo(n) > 0) {
          pairs[j + 2] = pairs[j];
          pairs[j + 3] = pairs[j + 1];
          j -= 2;
        }
        pairs[j + 2] = n;
        pairs[j + 3] = v;
      }
      return pairs;
    }
  }

  /**
   * One sample of a family.
   *
   * @param labels label names and values alternating, sorted by name
   * @param value the value
   */
  public record Sample(String[] labels, double value) {
    /** The value of a label, or null when the sample does not have it. */
    public String label(String labelName) {
      for (int i = 0; i < labels.length; i += 2) {
        if (labels[i].equals(labelName)) {
          return labels[i + 1];
        }
      }
      return null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sample s
          && Arrays.equals(labels, s.labels)
          && Double.compare(value, s.value) == 0;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(labels) * 31 + Double.hashCode(value);
    }

    @Override
    public String toString() {
      return Arrays.toString(labels) + " " + value;
    }
  }
}
