package dev.jalloy.component.loki.process;

import dev.jalloy.component.Component;
import dev.jalloy.component.LiveDebuggingSupport;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.loki.process.stages.StageConfig;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsFanout;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.EnumBlock;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code loki.process}: runs every entry sent to its {@code receiver} through its {@code stage.*}
 * blocks, in file order, and forwards what survives to {@code forward_to}.
 *
 * <pre>
 * loki.process "containers" {
 *   forward_to = [loki.write.default.receiver]
 *   stage.cri {}
 *   stage.regex { expression = "level=(?P&lt;level&gt;\\w+)" }
 *   stage.labels { values = { level = "" } }
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/loki/process/process.go}. Delivery is synchronous:
 * {@link LogsReceiver#receive} returns once {@code forward_to} accepted the survivors, so a
 * source's position is safe when it returns. Stages keep state (partial CRI lines, multiline
 * blocks, rate limits) that one thread at a time may touch, so one lock serialises pipeline runs;
 * forwarding happens outside it, so a slow {@code forward_to} blocks only its own caller. Stages
 * that hold entries release them from a {@value #FLUSH_INTERVAL_MS} ms tick of {@link #run}.
 *
 * <p>An update flushes the old pipeline completely (nothing a stage holds is lost), then replaces
 * it; metrics that stages registered ({@code stage.metrics}) live in a registry of the pipeline's
 * own, so they are reset with it. {@code loki_process_dropped_lines_total{reason}} spans updates.
 */
public final class LokiProcess implements Component<LokiProcess.Arguments>, LiveDebuggingSupport {
  /** How {@code loki.process} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "loki.process",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          LokiProcess::new);

  /** How often stages holding entries are asked to release those that are due. */
  static final long FLUSH_INTERVAL_MS = 100;

  /**
   * The arguments.
   *
   * @param forwardTo where processed entries go
   * @param stages the {@code stage.*} blocks, in file order
   */
  public record Arguments(
      @Attr("forward_to") List<LogsReceiver> forwardTo,
      @EnumBlock("stage") List<StageConfig> stages) {
    public Arguments {
      forwardTo = List.copyOf(forwardTo);
      stages = List.copyOf(stages);
    }
  }

  /**
   * The exports.
   *
   * @param receiver where to send entries to process; the same for the component's life
   */
  public record Exports(@Attr("receiver") LogsReceiver receiver) {}

  /** What a run of the pipeline works with, swapped whole on update. */
  private record State(Pipeline pipeline, LogsFanout fanout, PrometheusRegistry stageMetrics) {}

  private final Options options;
  private final Receiver receiver = new Receiver();
  private final ReentrantLock lock = new ReentrantLock();
  private final RecentLabels recentLabels = new RecentLabels(); // under lock
  private final Counter dropped;
  private volatile State state; // written under lock
  private volatile boolean exited;

  LokiProcess(Options options, Arguments arguments) throws InterruptedException {
    this.options = options;
    // Go's counter name carries no _total; the exposition adds it, as Alloy's does.
    this.dropped =
        Counter.builder()
            .name("loki_process_dropped_lines")
            .help("A count of all log lines dropped as a result of a pipeline stage")
            .labelNames("reason")
            .register(options.registry());
    // Stage metrics are read from whatever pipeline is current.
    options
        .registry()
        .register(
            (MultiCollector)
                () -> {
                  State s = state;
                  return s == null ? MetricSnapshots.of() : s.stageMetrics.scrape();
                });
    update(arguments);
  }

  /** The drop counter, as stages see it. */
  void countDrop(String reason) {
    dropped.labelValues(reason).inc();
  }

  private State build(Arguments arguments) {
    PrometheusRegistry stageMetrics = new PrometheusRegistry();
    StageContext context =
        new StageContext(
            options.id(), options.logger(), stageMetrics, options.clock(), this::countDrop);
    return new State(
        Pipeline.build(arguments.stages(), context),
        new LogsFanout(arguments.forwardTo()),
        stageMetrics);
  }

  @Override
  public void update(Arguments arguments) throws InterruptedException {
    State next = build(arguments); // a stage that rejects its configuration throws here
    List<LogEntry> released = new ArrayList<>();
    State old;
    lock.lockInterruptibly();
    try {
      old = state;
      if (old != null) {
        old.pipeline.flush(e -> released.add(e.toLogEntry()), true);
      }
      state = next;
    } finally {
      lock.unlock();
    }
    if (old != null && !released.isEmpty()) {
      old.fanout.receive(released);
    }
    options.onStateChange(new Exports(receiver));
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    try {
      while (!context.awaitCancellation(Duration.ofMillis(FLUSH_INTERVAL_MS))) {
        flush(false);
      }
    } finally {
      exited = true;
      // Being stopped usually means being interrupted too; what stages hold is still delivered.
      boolean interrupted = Thread.interrupted();
      try {
        flush(true);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Releases what stages hold (what is due, or all) and forwards it. */
  private void flush(boolean all) throws InterruptedException {
    List<LogEntry> released = new ArrayList<>();
    State s;
    lock.lockInterruptibly();
    try {
      s = state;
      s.pipeline.flush(e -> released.add(e.toLogEntry()), all);
    } finally {
      lock.unlock();
    }
    if (released.isEmpty()) {
      return;
    }
    publishOut(released);
    try {
      s.fanout.receive(released);
    } catch (IllegalStateException e) {
      options.logger().warn("could not forward flushed entries err={}", e.getMessage());
    }
  }

  private void publishIn(List<LogEntry> entries) {
    var live = options.services().liveDebugging();
    if (!live.active(options.id())) {
      return;
    }
    for (LogEntry e : entries) {
      live.publish(options.id(), () -> "[IN]: " + describe(e));
    }
  }

  private void publishOut(List<LogEntry> entries) {
    var live = options.services().liveDebugging();
    if (!live.active(options.id())) {
      return;
    }
    for (LogEntry e : entries) {
      live.publish(options.id(), () -> "[OUT]: " + describe(e));
    }
  }

  private static String describe(LogEntry e) {
    return "timestamp: "
        + java.time.Instant.ofEpochSecond(0, e.timestampNanos())
        + ", entry: "
        + e.line()
        + ", labels: "
        + e.labels()
        + (e.structuredMetadata().isEmpty()
            ? ""
            : ", structured_metadata: " + e.structuredMetadata());
  }

  private final class Receiver implements LogsReceiver {
    @Override
    public void receive(List<LogEntry> entries) throws InterruptedException {
      if (exited) {
        throw new IllegalStateException(options.id() + " has exited");
      }
      publishIn(entries);
      List<LogEntry> out = new ArrayList<>(entries.size());
      Stage.Emitter collect = e -> out.add(e.toLogEntry(recentLabels));
      State s;
      lock.lockInterruptibly();
      try {
        s = state;
        for (LogEntry entry : entries) {
          s.pipeline.process(PipelineEntry.from(entry), collect);
        }
      } finally {
        lock.unlock();
      }
      if (!out.isEmpty()) {
        publishOut(out);
        s.fanout.receive(out);
      }
    }

    @Override
    public String toString() {
      return "loki.LogsReceiver(" + options.id() + ")";
    }
  }
}
