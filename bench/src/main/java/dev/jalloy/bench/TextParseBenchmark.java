package dev.jalloy.bench;

import dev.jalloy.component.prometheus.scrape.textparse.ParseException;
import dev.jalloy.component.prometheus.scrape.textparse.StringCache;
import dev.jalloy.component.prometheus.scrape.textparse.TextParser;
import dev.jalloy.model.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The scrape parser on a captured node_exporter /metrics body (Debian's prometheus-node-exporter,
 * text format 0.0.4, ~500 samples). The {@code samples} counter is samples parsed per second on one
 * thread; the budget is at least 1 M samples/s per core.
 *
 * <ul>
 *   <li>{@code walk}: every entry with its name, value and timestamp, labels left as offsets.
 *   <li>{@code toLabels}: as a scrape loop does: every series into a {@link Labels} through a
 *       builder, with a {@link StringCache} kept across scrapes.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TextParseBenchmark {
  private byte[] body;
  private final StringCache cache = new StringCache();
  private final Labels.Builder builder = Labels.builder();

  /** Samples parsed, reported by JMH as a rate beside the per-scrape rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Samples {
    public long samples;

    @Setup(Level.Iteration)
    public void clear() {
      samples = 0;
    }
  }

  @Setup
  public void load() throws IOException {
    try (InputStream in =
        TextParseBenchmark.class.getResourceAsStream("/textparse/node_exporter.prom")) {
      body = in.readAllBytes();
    }
  }

  @Benchmark
  public void walk(Samples counter, Blackhole bh) throws ParseException {
    TextParser p = TextParser.prometheus(body, 0, body.length, cache);
    long n = 0;
    for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
      if (e == TextParser.Entry.SERIES) {
        bh.consume(p.metricName());
        bh.consume(p.labelCount());
        bh.consume(p.value());
        bh.consume(p.hasTimestamp() ? p.timestamp() : 0L);
        n++;
      }
    }
    counter.samples += n;
  }

  @Benchmark
  public void toLabels(Samples counter, Blackhole bh) throws ParseException {
    TextParser p = TextParser.prometheus(body, 0, body.length, cache);
    long n = 0;
    for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
      if (e == TextParser.Entry.SERIES) {
        p.labels(builder.reset());
        bh.consume(builder.build());
        bh.consume(p.value());
        n++;
      }
    }
    counter.samples += n;
  }
}
