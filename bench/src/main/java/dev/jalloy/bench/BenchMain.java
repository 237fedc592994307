package dev.jalloy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Writes the ~1 MB corpus, runs the benchmarks with the JMH options given on the command line, and
 * prints each figure as time per 1 MB file and as MB/s (1 MB = 10^6 bytes).
 *
 * <p>System properties: {@code jalloy.shared.dir} (the shared configs, default {@code ../shared}),
 * {@code jalloy.bench.corpus} (where to write the corpus, default {@code
 * bench/target/corpus-1mb.alloy}), {@code jalloy.bench.size} (bytes, default 1,000,000).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args)
      throws IOException, RunnerException, CommandLineOptionException {
    Path shared = Path.of(System.getProperty("jalloy.shared.dir", "../shared"));
    Path corpus =
        Path.of(System.getProperty("jalloy.bench.corpus", "bench/target/corpus-1mb.alloy"));
    int size = Integer.getInteger("jalloy.bench.size", 1_000_000);

    String text = ConfigCorpus.build(shared.resolve("configs"), size);
    Files.createDirectories(corpus.toAbsolutePath().getParent());
    Files.writeString(corpus, text, StandardCharsets.UTF_8);
    long bytes = Files.size(corpus);
    System.out.printf(
        Locale.ROOT, "corpus: %s, %,d bytes, %,d lines%n", corpus, bytes, text.lines().count());

    OptionsBuilder options = new OptionsBuilder();
    options.parent(new CommandLineOptions(args));
    options.param("corpus", corpus.toAbsolutePath().toString());
    Collection<RunResult> results = new Runner(options.build()).run();

    System.out.println();
    System.out.printf(
        Locale.ROOT, "%-16s %12s %12s %10s%n", "benchmark", "ms/file", "± (99.9%)", "MB/s");
    for (RunResult run : results) {
      Result<?> primary = run.getPrimaryResult();
      String name = run.getParams().getBenchmark();
      double ms = primary.getScore();
      System.out.printf(
          Locale.ROOT,
          "%-16s %12.3f %12.3f %10.1f%n",
          name.substring(name.lastIndexOf('.') + 1),
          ms,
          primary.getScoreError(),
          bytes / 1e6 / (ms / 1e3));
    }
  }
}
