package dev.jalloy.bench;

import dev.jalloy.component.Component;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.runtime.ComponentRegistry;
import dev.jalloy.runtime.Controller;
import dev.jalloy.runtime.LoadResult;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Loading a graph of many components: parse, build the graph, evaluate every component in
 * dependency order, build each, start each run thread; then stop them all. Budget (runtime issue):
 * 1,000 components in under 1 s.
 *
 * <p>The graph is layered like real pipelines: 10 sources, then layers that each reference two
 * components of the layer before (targets-like fan-in), with an object and a string expression per
 * component so evaluation does real work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ControllerBenchmark {
  @Param("1000")
  public int components;

  private String config;
  private ComponentRegistry registry;
  private Path storage;

  record SourceArgs(@Attr("value") long value) {}

  record RelayArgs(@Attr("inputs") List<Long> inputs, @Attr("labels") Map<String, String> labels) {}

  record Out(@Attr("value") long value) {}

  @Setup
  public void setup() throws Exception {
    StringBuilder sb = new StringBuilder();
    int width = 10;
    for (int i = 0; i < Math.min(width, components); i++) {
      sb.append("bench.source \"s").append(i).append("\" { value = ").append(i).append(" }\n");
    }
    for (int i = width; i < components; i++) {
      String a = ref(i - width, width);
      String b = ref(i - width + (i % width == width - 1 ? -(width - 1) : 1), width);
      sb.append("bench.relay \"r")
          .append(i)
          .append("\" {\n  inputs = [")
          .append(a)
          .append(".value, ")
          .append(b)
          .append(".value]\n  labels = { job = string.format(\"job-%d\", ")
          .append(i)
          .append("), env = \"prod\" }\n}\n");
    }
    config = sb.toString();
    storage = Files.createTempDirectory("jalloy-bench");
    registry =
        ComponentRegistry.of(
            List.of(
                Registration.of(
                    "bench.source",
                    Stability.GENERALLY_AVAILABLE,
                    SourceArgs.class,
                    Out.class,
                    (o, a) -> new Holder<SourceArgs>(o, new Out(a.value()))),
                Registration.of(
                    "bench.relay",
                    Stability.GENERALLY_AVAILABLE,
                    RelayArgs.class,
                    Out.class,
                    (o, a) ->
                        new Holder<RelayArgs>(
                            o, new Out(a.inputs().stream().mapToLong(Long::longValue).sum())))));
  }

  private static String ref(int index, int width) {
    return index < width ? "bench.source.s" + index : "bench.relay.r" + index;
  }

  @Benchmark
  public LoadResult loadAndStop() {
    try (Controller controller =
        Controller.builder()
            .registry(registry)
            .storagePath(storage)
            .stdlib(new Stdlib(n -> Optional.empty(), "bench", "v0.1.0"))
            .sources(() -> List.of(SourceFile.of("bench.alloy", config)))
            .build()) {
      LoadResult result = controller.load();
      if (!result.ok()) {
        throw new IllegalStateException(result.printedDiagnostics());
      }
      return result;
    }
  }

  /** Publishes fixed exports and waits to be stopped. */
  static final class Holder<A extends Record> implements Component<A> {
    Holder(Options options, Record exports) {
      options.onStateChange(exports);
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
      context.awaitCancellation();
    }

    @Override
    public void update(A arguments) {}
  }
}
