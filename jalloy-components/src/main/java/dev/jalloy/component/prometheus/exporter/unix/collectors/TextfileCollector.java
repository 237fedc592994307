package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import dev.jalloy.component.prometheus.scrape.textparse.ParseException;
import dev.jalloy.component.prometheus.scrape.textparse.TextParser;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * node_exporter's {@code textfile} collector: the metrics in the {@code *.prom} files of one
 * directory, written by cron jobs and scripts. node_exporter's rules (textfile.go):
 *
 * <ul>
 *   <li>a file that does not parse, or that has client-side timestamps, is skipped whole and sets
 *       {@code node_textfile_scrape_error} to 1; the other files still count;
 *   <li>each file read successfully gets {@code node_textfile_mtime_seconds{file="<path>"}};
 *   <li>a family without HELP gets {@code Metric read from <path>}; samples of a family that lack a
 *       label some other sample has get it with an empty value;
 *   <li>no directory configured (Alloy's default) reads nothing and reports error 0.
 * </ul>
 */
public final class TextfileCollector implements NodeCollector {
  private final String directory;

  /** Reads {@code directory}; empty reads nothing. */
  public TextfileCollector(String directory) {
    this.directory = directory;
  }

  @Override
  public String name() {
    return "textfile";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    boolean error = false;
    Map<String, ParsedFamily> families = new TreeMap<>();
    Map<String, Double> mtimes = new TreeMap<>();
    if (!directory.isEmpty()) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(directory))) {
        for (Path p : entries) {
          if (p.getFileName().toString().endsWith(".prom")) {
            files.add(p);
          }
        }
      } catch (IOException e) {
        error = true;
        sink.warn("failed to read textfile collector directory path=" + directory + " err=" + e);
      }
      files.sort(null); // Go's os.ReadDir sorts by name
      for (Path file : files) {
        try {
          List<ParsedFamily> parsed = parse(file);
          // Go truncates the mtime to milliseconds before dividing
          long millis = Files.getLastModifiedTime(file).toMillis();
          for (ParsedFamily f : parsed) {
            ParsedFamily existing = families.putIfAbsent(f.name, f);
            if (existing != null) {
              existing.samples.addAll(f.samples);
            }
          }
          mtimes.put(file.toString(), millis / 1e3);
        } catch (IOException | ParseException e) {
          error = true;
          sink.warn(
              "failed to collect textfile data file="
                  + file.getFileName()
                  + " err="
                  + (e instanceof ParseException p
                      ? "failed to parse textfile data from \"" + file + "\": " + p.getMessage()
                      : e.getMessage()));
        }
      }
    }
    for (ParsedFamily f : families.values()) {
      f.writeTo(sink);
    }
    MetricSink.Family mtime =
        sink.family(
            "node_textfile_mtime_seconds",
            MetricType.GAUGE,
            "Unixtime mtime of textfiles successfully read.");
    mtimes.forEach((file, seconds) -> mtime.add(seconds, "file", file));
    sink.gauge(
        "node_textfile_scrape_error",
        "1 if there was an error opening or reading a file, 0 otherwise",
        error ? 1 : 0);
  }

  /** The families of one file, or an exception that makes the caller skip the whole file. */
  private static List<ParsedFamily> parse(Path file) throws IOException, ParseException {
    byte[] body = Files.readAllBytes(file);
    TextParser p = TextParser.prometheus(body, 0, body.length);
    Map<String, ParsedFamily> byName = new LinkedHashMap<>();
    String help = "Metric read from " + file;
    for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
      switch (e) {
        case TYPE ->
            byName.computeIfAbsent(p.metricName(), n -> new ParsedFamily(n, help)).type =
                toSinkType(p.type());
        case HELP ->
            byName.computeIfAbsent(p.metricName(), n -> new ParsedFamily(n, help)).help = p.text();
        case SERIES -> {
          if (p.hasTimestamp()) {
            throw new IOException(
                "textfile \""
                    + file
                    + "\" contains unsupported client-side timestamps,"
                    + " skipping entire file");
          }
          String series = p.metricName();
          String familyName = familyOf(series, p, byName);
          ParsedFamily f = byName.computeIfAbsent(familyName, n -> new ParsedFamily(n, help));
          String[] labels = new String[p.labelCount() * 2 + (series.equals(familyName) ? 0 : 2)];
          int i = 0;
          for (int l = 0; l < p.labelCount(); l++) {
            labels[i++] = p.labelName(l);
            labels[i++] = p.labelValue(l);
          }
          if (!series.equals(familyName)) {
            labels[i++] = MetricSink.SAMPLE_NAME;
            labels[i] = series;
          }
          f.samples.add(new ParsedSample(labels, p.value()));
        }
        default -> {}
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** A histogram's or summary's {@code _bucket}, {@code _sum}, {@code _count} join its family. */
  private static String familyOf(String series, TextParser p, Map<String, ParsedFamily> byName) {
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (series.endsWith(suffix)) {
        String base = series.substring(0, series.length() - suffix.length());
        ParsedFamily f = byName.get(base);
        if (f != null && (f.type == MetricType.HISTOGRAM || f.type == MetricType.SUMMARY)) {
          return base;
        }
      }
    }
    return series;
  }

  private static MetricType toSinkType(
      dev.jalloy.component.prometheus.scrape.textparse.MetricType type) {
    return switch (type) {
      case COUNTER -> MetricType.COUNTER;
      case GAUGE -> MetricType.GAUGE;
      case HISTOGRAM -> MetricType.HISTOGRAM;
      case SUMMARY -> MetricType.SUMMARY;
      default -> MetricType.UNTYPED;
    };
  }

  private record ParsedSample(String[] labels, double value) {}

  private static final class ParsedFamily {
    final String name;
    String help;
    MetricType type = MetricType.UNTYPED;
    final List<ParsedSample> samples = new ArrayList<>();

    ParsedFamily(String name, String help) {
      this.name = name;
      this.help = help;
    }

    /** Writes the family with every sample carrying every label name of the family. */
    void writeTo(MetricSink sink) {
      Set<String> names = new LinkedHashSet<>();
      for (ParsedSample s : samples) {
        for (int i = 0; i < s.labels.length; i += 2) {
          names.add(s.labels[i]);
        }
      }
      MetricSink.Family family = sink.family(name, type, help);
      for (ParsedSample s : samples) {
        // le and quantile belong to some samples of a histogram or summary only: not filled
        boolean composite = type == MetricType.HISTOGRAM || type == MetricType.SUMMARY;
        if (composite || s.labels.length == names.size() * 2) {
          family.add(s.value, s.labels);
          continue;
        }
        List<String> filled = new ArrayList<>(List.of(s.labels));
        for (String n : names) {
          if (!hasLabel(s.labels, n) && !n.equals(MetricSink.SAMPLE_NAME)) {
            filled.add(n);
            filled.add("");
          }
        }
        family.add(s.value, filled.toArray(String[]::new));
      }
    }

    private static boolean hasLabel(String[] labels, String name) {
      for (int i = 0; i < labels.length; i += 2) {
        if (labels[i].equals(name)) {
          return true;
        }
      }
      return false;
    }
  }
}
