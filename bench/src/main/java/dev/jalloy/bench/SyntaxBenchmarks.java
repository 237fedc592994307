package dev.jalloy.bench;

import dev.jalloy.syntax.ast.File;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.printer.Formatter;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.vm.EvaluationException;
import dev.jalloy.syntax.vm.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The configuration language on one ~1 MB file: time per operation, from which {@link BenchMain}
 * derives MB/s. Budgets (from the foundation issue): parse + evaluate at least 50 MB/s; {@code fmt}
 * of a 1 MB file (parse + format) under 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SyntaxBenchmarks {
  /** The corpus file written by {@link BenchMain}. */
  @Param("")
  public String corpus;

  private byte[] bytes;
  private File parsed;
  private dev.jalloy.syntax.vm.Scope scope;

  @Setup
  public void load() throws IOException, EvaluationException {
    bytes = Files.readAllBytes(Path.of(corpus));
    ParseResult result = Parser.parse(new SourceFile("corpus.alloy", bytes));
    if (result.hasErrors()) {
      throw new IllegalStateException("corpus does not parse: " + result.diagnostics());
    }
    parsed = result.file();
    scope = CorpusScope.of(parsed);
    // Every expression must evaluate cleanly, or the figure would measure error handling.
    CorpusScope.evaluateAll(parsed, new Evaluator(parsed.source()), scope);
  }

  @Benchmark
  public ParseResult parse() {
    return Parser.parse(new SourceFile("corpus.alloy", bytes));
  }

  @Benchmark
  public String format() {
    return Formatter.format(parsed);
  }

  /** What {@code jalloy fmt} does with the file once read. */
  @Benchmark
  public String parseAndFormat() {
    return Formatter.format(Parser.parse(new SourceFile("corpus.alloy", bytes)).file());
  }

  /**
   * Parse, then evaluate every attribute of every block, as the controller does on a load. The
   * scope holds the standard library and, for every labelled block, exports shaped like the real
   * components' ({@link CorpusScope}), so references such as {@code
   * prometheus.exporter.unix.node.targets} resolve. Budget: 50 MB/s.
   */
  @Benchmark
  public int parseAndEvaluate() throws EvaluationException {
    SourceFile file = new SourceFile("corpus.alloy", bytes);
    File tree = Parser.parse(file).file();
    return CorpusScope.evaluateAll(tree, new Evaluator(file), scope);
  }
}
