package dev.jalloy.bench;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.component.loki.process.Pipeline;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.component.loki.process.stages.CriConfig;
import dev.jalloy.component.loki.process.stages.LabelsConfig;
import dev.jalloy.component.loki.process.stages.RegexConfig;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

/**
 * The CPU side of {@code bench/run-log-bench.sh}'s case (b), without files or network: the CRI
 * lines it generates through {@code stage.cri} + {@code stage.regex} + {@code stage.labels} as
 * {@code loki.process} runs them (entry in, entry out), and the regex alone on the CRI content,
 * re2j's {@code find} + {@code group} against {@link GoRegex}. Reported per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogPipelineBenchmark {
  private static final int LINES = 1000;
  private static final String EXPRESSION =
      "^level=(?P<level>\\w+) msg=\"(?P<msg>[^\"]*)\" status=(?P<status>\\d+)";
  private static final String[] WORDS =
      ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
              + "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu")
          .split(" ");

  private final List<LogEntry> entries = new ArrayList<>(LINES);
  private final List<String> messages = new ArrayList<>(LINES);
  private Pattern re2j;
  private GoMatcher goMatcher;
  private Pipeline pipeline;

  @Setup
  public void setup() {
    String[] levels = {"info", "info", "info", "warn", "error"};
    int[] statuses = {200, 200, 404, 500};
    Labels labels = Labels.of("job", "bench", "filename", "/var/log/bench/cri.log");
    for (int i = 0; i < LINES; i++) {
      String message =
          String.format(
              "level=%s msg=\"GET /api/v1/items/%d %s\" status=%d duration=%dms trace=%016x",
              levels[i % 5], i, WORDS[i % 26], statuses[i % 4], i % 997, i * 2654435761L);
      String line =
          String.format(
              "2026-11-23T10:%02d:%02d.%03d000000Z %s F %s",
              i / 60000 % 60, i / 1000 % 60, i % 1000, i % 7 == 0 ? "stderr" : "stdout", message);
      messages.add(message);
      entries.add(new LogEntry(labels, 0, line, Labels.EMPTY));
    }
    re2j = Pattern.compile(EXPRESSION);
    goMatcher = GoRegex.compile(EXPRESSION).matcher();
    StageContext context =
        new StageContext(
            "loki.process.bench",
            LoggerFactory.getLogger(LogPipelineBenchmark.class),
            new PrometheusRegistry(),
            Clock.systemUTC(),
            reason -> {});
    pipeline =
        Pipeline.build(
            List.of(
                CriConfig.defaults(),
                new RegexConfig(EXPRESSION, Optional.empty(), false),
                new LabelsConfig(Map.of("level", "", "status", ""), "extracted")),
            context);
    // The figures only mean something if the stages do what they say.
    List<LogEntry> out = new ArrayList<>();
    try {
      pipeline.process(PipelineEntry.from(entries.get(5)), e -> out.add(e.toLogEntry()));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    LogEntry e = out.getFirst();
    if (!e.labels().get("level").equals("info")
        || !e.labels().get("status").equals("200")
        || !e.labels().get("stream").equals("stdout")
        || !e.line().startsWith("level=info msg=")
        || e.timestampNanos() != 1_795_428_000_005_000_000L) {
      throw new IllegalStateException("unexpected pipeline output " + e);
    }
  }

  /** re2j as stage.regex used it: {@code find()}, then {@code group(n)} (a second pass). */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void regexRe2jFindGroups(Blackhole bh) {
    for (String m : messages) {
      Matcher matcher = re2j.matcher(m);
      if (matcher.find()) {
        bh.consume(matcher.group(1));
        bh.consume(matcher.group(2));
        bh.consume(matcher.group(3));
      }
    }
  }

  /** {@link GoRegex}: the same answers. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void regexGoRegex(Blackhole bh) {
    for (String m : messages) {
      if (goMatcher.find(m)) {
        bh.consume(goMatcher.group(1));
        bh.consume(goMatcher.group(2));
        bh.consume(goMatcher.group(3));
      }
    }
  }

  /** One entry through cri + regex + labels, from {@code LogEntry} to {@code LogEntry}. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void pipelineCriRegexLabels(Blackhole bh) throws InterruptedException {
    for (LogEntry entry : entries) {
      pipeline.process(PipelineEntry.from(entry), e -> bh.consume(e.toLogEntry()));
    }
  }
}
