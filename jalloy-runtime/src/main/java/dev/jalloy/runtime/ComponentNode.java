package dev.jalloy.runtime;

import dev.jalloy.component.Cancellation;
import dev.jalloy.component.Component;
import dev.jalloy.component.Health;
import dev.jalloy.component.HealthReporter;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.token.SourceFile;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * One component of the graph and everything the controller keeps about it: its block, last good
 * arguments, the instance, its exports, its three health inputs and its run thread.
 *
 * <p>Fields written by the controller thread and read by request threads are volatile; the instance
 * is only touched by the controller thread, except {@code run} on its own thread.
 */
final class ComponentNode {
  final String id;
  final String name;
  final String label;
  final List<String> fragments;
  final Registration<?> registration;
  final PrometheusRegistry registry = new PrometheusRegistry();
  final Logger logger;

  volatile BlockStmt block;
  volatile SourceFile file;
  volatile Record arguments; // last good, null before the first successful evaluation
  volatile Record exports; // last published, null when none
  volatile Component<?> instance;
  volatile Health evaluationHealth;
  volatile Health runHealth;
  volatile List<String> referencesTo = List.of();
  volatile List<String> referencedBy = List.of();
  volatile List<String> dataFlowEdgesTo = List.of();

  private final Cancellation cancellation = new Cancellation();
  private Thread runThread;

  ComponentNode(
      String id,
      String name,
      String label,
      List<String> fragments,
      Registration<?> registration,
      Logger logger,
      Clock clock) {
    this.id = id;
    this.name = name;
    this.label = label;
    this.fragments = List.copyOf(fragments);
    this.registration = registration;
    this.logger = logger;
    this.evaluationHealth = Health.unknown(clock.instant());
    this.runHealth = Health.unknown(clock.instant());
  }

  /** The worst of evaluation, run and component-reported health. */
  Health health() {
    Health combined = Health.worst(evaluationHealth, runHealth);
    if (instance instanceof HealthReporter reporter) {
      try {
        combined = Health.worst(combined, reporter.currentHealth());
      } catch (RuntimeException e) {
        logger.warn("component health check failed", e);
      }
    }
    return combined;
  }

  /** Starts {@code run} on a virtual thread of its own. */
  void start(Clock clock) {
    Component<?> component = instance;
    if (component == null || runThread != null) {
      return;
    }
    RunContext context = cancellation;
    // Healthy from the moment run is handed to its thread, so a load that returns has no
    // component left "unknown" just because its virtual thread has not been scheduled yet.
    runHealth = Health.healthy("started component", clock.instant());
    runThread =
        Thread.ofVirtual()
            .name("component " + id)
            .start(
                () -> {
                  try {
                    component.run(context);
                    runHealth = Health.exited("component shut down normally", clock.instant());
                  } catch (InterruptedException e) {
                    runHealth = Health.exited("component shut down normally", clock.instant());
                  } catch (Exception | LinkageError e) {
                    String why = e.getMessage() == null ? e.toString() : e.getMessage();
                    runHealth =
                        Health.exited("component shut down with error: " + why, clock.instant());
                    if (!cancellation.isCancelled()) {
                      logger.error("component exited with error", e);
                    }
                  }
                });
  }

  /**
   * Asks {@code run} to stop and waits for it up to {@code deadline}.
   *
   * @return whether it stopped in time
   */
  boolean stop(Duration deadline) throws InterruptedException {
    cancellation.cancel();
    Thread t = runThread;
    if (t == null) {
      return true;
    }
    t.interrupt();
    return t.join(deadline);
  }
}
