package dev.jalloy.component.loki.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
  /** Holds every entry until flushed; releases one per periodic flush, all on a final one. */
  private static final class Holding implements Stage {
    final List<PipelineEntry> held = new ArrayList<>();

    @Override
    public void process(PipelineEntry entry, Emitter next) {
      held.add(entry);
    }

    @Override
    public void flush(Emitter next, boolean all) throws InterruptedException {
      while (!held.isEmpty()) {
        next.emit(held.removeFirst());
        if (!all) {
          return;
        }
      }
    }
  }

  private static Stage suffix(String s) {
    return (entry, next) -> {
      entry.line = entry.line + s;
      next.emit(entry);
    };
  }

  private static PipelineEntry entry(String line) {
    return PipelineEntry.from(LogEntry.of(Labels.EMPTY, 0, line));
  }

  @Test
  void stagesRunInOrder() throws Exception {
    var p = new Pipeline(List.of(suffix("a"), suffix("b")));
    List<String> out = new ArrayList<>();
    p.process(entry("x"), e -> out.add(e.line));
    assertThat(out).containsExactly("xab");
  }

  @Test
  void aDroppingStageEndsTheRun() throws Exception {
    var p = new Pipeline(List.of(suffix("a"), (e, next) -> {}, suffix("b")));
    List<String> out = new ArrayList<>();
    p.process(entry("x"), e -> out.add(e.line));
    assertThat(out).isEmpty();
  }

  @Test
  void flushedEntriesPassTheLaterStagesOnly() throws Exception {
    var holding = new Holding();
    var p = new Pipeline(List.of(suffix("a"), holding, suffix("b")));
    List<String> out = new ArrayList<>();
    p.process(entry("1"), e -> out.add(e.line));
    p.process(entry("2"), e -> out.add(e.line));
    assertThat(out).isEmpty();
    p.flush(e -> out.add(e.line), false);
    assertThat(out).containsExactly("1ab");
    p.flush(e -> out.add(e.line), true);
    assertThat(out).containsExactly("1ab", "2ab");
  }

  @Test
  void aNestedPipelineIsAStage() throws Exception {
    var holding = new Holding();
    var inner = new Pipeline(List.of(holding, suffix("i")));
    var outer = new Pipeline(List.of(inner, suffix("o")));
    List<String> out = new ArrayList<>();
    outer.process(entry("x"), e -> out.add(e.line));
    outer.flush(e -> out.add(e.line), true);
    assertThat(out).containsExactly("xio");
  }
}
