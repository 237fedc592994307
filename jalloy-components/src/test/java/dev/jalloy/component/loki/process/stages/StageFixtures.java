package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.syntax.decode.BodyDecoder;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.decode.EnumBlock;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.vm.Evaluator;
import dev.jalloy.syntax.vm.Scope;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Decodes {@code stage.*} blocks from Alloy text and drives stages without the component. */
final class StageFixtures {
  private StageFixtures() {}

  /** The body of a {@code loki.process} block, stages only. */
  record Body(@EnumBlock("stage") List<StageConfig> stages) {}

  private static final Scope SCOPE =
      Scope.root(new Stdlib(n -> Optional.empty(), "h", "1.0.0").identifiers());

  /** Decodes stage blocks; the errors (empty when ok) or the stages. */
  static Decoded<Body> decode(String alloy) {
    SourceFile file = SourceFile.of("test.alloy", alloy);
    ParseResult parsed = Parser.parse(file);
    if (!parsed.diagnostics().asList().isEmpty()) {
      throw new AssertionError(parsed.diagnostics().asList());
    }
    return new BodyDecoder(new Evaluator(file))
        .decodeBody(parsed.file().body(), 0, 0, Body.class, SCOPE);
  }

  /** The first stage config of {@code alloy}, which must decode cleanly. */
  static StageConfig config(String alloy) {
    Decoded<Body> d = decode(alloy);
    if (d.diagnostics().hasErrors()) {
      throw new AssertionError(errors(alloy));
    }
    return d.value().orElseThrow().stages().getFirst();
  }

  /** The error messages decoding {@code alloy} gives. */
  static List<String> errors(String alloy) {
    return decode(alloy).diagnostics().asList().stream().map(Diagnostic::message).toList();
  }

  /** A context with a fixed clock that records drops. */
  static final class Ctx {
    final Map<String, Integer> drops = new HashMap<>();
    final PrometheusRegistry registry = new PrometheusRegistry();
    final MutableClock clock;
    final StageContext context;

    Ctx(Instant now) {
      clock = new MutableClock(now);
      context =
          new StageContext(
              "loki.process.test",
              LoggerFactory.getLogger("test"),
              registry,
              clock,
              reason -> drops.merge(reason, 1, Integer::sum));
    }

    Ctx() {
      this(Instant.parse("2024-03-05T10:00:00Z"));
    }
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** An entry with these labels (name, value, ...) and line at {@code nanos}. */
  static PipelineEntry entry(String line, long nanos, String... labels) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      m.put(labels[i], labels[i + 1]);
    }
    return PipelineEntry.from(new LogEntry(Labels.of(m), nanos, line, Labels.of(Map.of())));
  }

  /** Runs entries through a stage; what it emitted. */
  static List<PipelineEntry> run(Stage stage, PipelineEntry... entries)
      throws InterruptedException {
    List<PipelineEntry> out = new ArrayList<>();
    for (PipelineEntry e : entries) {
      stage.process(e, out::add);
    }
    return out;
  }
}
