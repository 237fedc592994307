package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.loki.process.LokiProcess;
import dev.jalloy.component.loki.process.Pipeline;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.testkit.ComponentHarness;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Runs stages decoded from Alloy source ({@code stage.json { ... }}) the way {@code loki.process}
 * decodes them, so names, defaults and validation are tested along with behaviour.
 */
final class StageTesting {
  private StageTesting() {}

  /** The fixed clock stages see: 2024-01-02T03:04:05Z. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);

  static final long T0 = 1_000_000_000L;

  static Decoded<LokiProcess.Arguments> decode(String stages) {
    return ComponentHarness.decode(
        LokiProcess.REGISTRATION, "loki.process \"t\" {\n  forward_to = []\n" + stages + "\n}\n");
  }

  /** The stage configurations, failing the test with the diagnostics when they do not decode. */
  static List<StageConfig> configs(String stages) {
    Decoded<LokiProcess.Arguments> d = decode(stages);
    assertThat(d.diagnostics().hasErrors()).as(d.diagnostics().toString()).isFalse();
    return d.value().orElseThrow().stages();
  }

  /** The messages of the errors decoding {@code stages} gives. */
  static List<String> errors(String stages) {
    return decode(stages).diagnostics().asList().stream()
        .filter(dg -> dg.isError())
        .map(dg -> dg.message())
        .toList();
  }

  /** A pipeline of {@code stages} and what it emits, the reasons of drops included. */
  static final class Run {
    final Pipeline pipeline;
    final List<PipelineEntry> out = new ArrayList<>();
    final List<String> drops = new CopyOnWriteArrayList<>();

    Run(String stages) {
      StageContext ctx =
          new StageContext(
              "loki.process.t",
              LoggerFactory.getLogger("test"),
              new PrometheusRegistry(),
              CLOCK,
              drops::add);
      this.pipeline = Pipeline.build(configs(stages), ctx);
    }

    List<PipelineEntry> send(PipelineEntry... entries) throws InterruptedException {
      int before = out.size();
      for (PipelineEntry e : entries) {
        pipeline.process(e, out::add);
      }
      return List.copyOf(out.subList(before, out.size()));
    }

    List<PipelineEntry> flushAll() throws InterruptedException {
      int before = out.size();
      pipeline.flush(out::add, true);
      return List.copyOf(out.subList(before, out.size()));
    }
  }

  static PipelineEntry entry(String line, String... labels) {
    return PipelineEntry.from(LogEntry.of(Labels.of(labels), T0, line));
  }

  /**
   * One table row: stages, an input, and what must come out of it (one entry, or none when {@code
   * line} is null).
   */
  static final class Case {
    final String name;
    String stages = "";
    String input = "";
    String[] inputLabels = {};
    String line;
    boolean dropped;
    Map<String, String> labels;
    final Map<String, Object> extracted = new LinkedHashMap<>();
    Long timestamp;

    Case(String name) {
      this.name = name;
    }

    static Case of(String name) {
      return new Case(name);
    }

    Case stages(String s) {
      stages = s;
      return this;
    }

    Case input(String line, String... labels) {
      input = line;
      inputLabels = labels;
      return this;
    }

    Case line(String l) {
      line = l;
      return this;
    }

    Case dropped() {
      dropped = true;
      return this;
    }

    Case labels(String... namesAndValues) {
      labels = new java.util.TreeMap<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        labels.put(namesAndValues[i], namesAndValues[i + 1]);
      }
      return this;
    }

    Case extracted(String key, Object value) {
      extracted.put(key, value);
      return this;
    }

    Case timestamp(long nanos) {
      timestamp = nanos;
      return this;
    }

    void check() throws InterruptedException {
      Run run = new Run(stages);
      List<PipelineEntry> out = run.send(entry(input, inputLabels));
      if (dropped) {
        assertThat(out).as(name).isEmpty();
        return;
      }
      assertThat(out).as(name).hasSize(1);
      PipelineEntry e = out.getFirst();
      if (line != null) {
        assertThat(e.line).as(name + ": line").isEqualTo(line);
      }
      if (labels != null) {
        assertThat(e.labels).as(name + ": labels").isEqualTo(labels);
      }
      extracted.forEach(
          (k, v) -> {
            assertThat(e.extracted).as(name + ": extracted " + k).containsKey(k);
            assertThat(e.extracted.get(k)).as(name + ": extracted " + k).isEqualTo(v);
          });
      if (timestamp != null) {
        assertThat(e.timestampNanos).as(name + ": timestamp").isEqualTo(timestamp);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
