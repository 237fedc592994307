package dev.jalloy.bench;

import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.model.Labels;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Relabeling a typical set of discovered targets (Kubernetes-pod-like: a dozen __meta_ labels)
 * through the rules the shared configurations use: keep by a meta label, build a label from two
 * source labels, labelmap the pod labels, lowercase, drop a namespace. Reported per target.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RelabelBenchmark {
  private static final int TARGETS = 1000;

  private final Relabeler relabeler = new Relabeler();
  private List<Labels> targets;
  private List<Rule> rules;

  @Setup
  public void setup() {
    targets = new ArrayList<>(TARGETS);
    for (int i = 0; i < TARGETS; i++) {
      targets.add(
          Labels.of(
              "__address__",
              "10.0." + (i / 250) + "." + (i % 250) + ":8080",
              "__meta_kubernetes_namespace",
              i % 10 == 0 ? "kube-system" : "apps",
              "__meta_kubernetes_pod_name",
              "web-" + i,
              "__meta_kubernetes_pod_container_name",
              "app",
              "__meta_kubernetes_pod_node_name",
              "node-" + (i % 7),
              "__meta_kubernetes_pod_label_app",
              "web",
              "__meta_kubernetes_pod_label_Tier",
              "Frontend",
              "__meta_kubernetes_pod_label_version",
              "v" + (i % 3),
              "__meta_kubernetes_pod_annotation_prometheus_io_scrape",
              i % 4 == 0 ? "false" : "true",
              "__meta_kubernetes_pod_uid",
              "uid-" + i,
              "__meta_kubernetes_pod_phase",
              "Running",
              "job",
              "kubernetes-pods"));
    }
    rules =
        List.of(
            rule(
                List.of("__meta_kubernetes_pod_annotation_prometheus_io_scrape"),
                "true",
                "",
                "",
                "keep"),
            rule(List.of("__meta_kubernetes_namespace"), "kube-system", "", "", "drop"),
            rule(
                List.of("__meta_kubernetes_namespace", "__meta_kubernetes_pod_name"),
                "(.*);(.*)",
                "instance",
                "$1/$2",
                "replace"),
            rule(List.of(), "__meta_kubernetes_pod_label_(.+)", "", "$1", "labelmap"),
            rule(List.of("Tier"), "(.*)", "Tier", "", "lowercase"),
            rule(List.of("__meta_kubernetes_pod_node_name"), "(.*)", "node", "$1", "replace"));
    rules.forEach(Rule::validate);
    // The figure only means something if the rules do what they say: 250 targets are not to be
    // scraped, 50 more are in kube-system, 700 survive with instance and node set.
    long kept =
        targets.stream()
            .map(t -> relabeler.process(t, rules))
            .flatMap(Optional::stream)
            .filter(l -> l.has("instance") && l.has("node") && l.get("Tier").equals("frontend"))
            .count();
    if (kept != 700) {
      throw new IllegalStateException("expected 700 relabeled targets, got " + kept);
    }
  }

  private static Rule rule(
      List<String> sources, String regex, String target, String replacement, String action) {
    Rule d = Rule.defaults();
    return new Rule(
        sources,
        d.separator(),
        regex,
        0,
        target,
        replacement.isEmpty() ? d.replacement() : replacement,
        action);
  }

  @Benchmark
  @OperationsPerInvocation(TARGETS)
  public void relabelTargets(Blackhole bh) {
    for (Labels t : targets) {
      Optional<Labels> out = relabeler.process(t, rules);
      bh.consume(out);
    }
  }
}
