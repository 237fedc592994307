package dev.jalloy.component.discovery.relabel;

import dev.jalloy.component.Component;
import dev.jalloy.component.LiveDebugging;
import dev.jalloy.component.LiveDebuggingSupport;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.model.Labels;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code discovery.relabel}: applies relabel rules to a list of targets.
 *
 * <pre>
 * discovery.relabel "pods" {
 *   targets = discovery.kubernetes.pods.targets
 *   rule {
 *     source_labels = ["__meta_kubernetes_namespace"]
 *     target_label  = "namespace"
 *   }
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/discovery/relabel/relabel.go}. All the work happens
 * in {@link #update}: every target goes through the rules in order; dropped targets disappear, the
 * rest are exported in input order, even when relabeling left them without labels. A target no rule
 * changed is exported as it came, so labels with empty values survive as they do in Alloy.
 */
public final class DiscoveryRelabel
    implements Component<DiscoveryRelabel.Arguments>, LiveDebuggingSupport {
  /** How {@code discovery.relabel} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "discovery.relabel",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          DiscoveryRelabel::new);

  /**
   * The arguments.
   *
   * @param targets the targets to relabel
   * @param rules the relabel rules, applied in order
   */
  public record Arguments(
      @Attr("targets") List<Map<String, String>> targets,
      @Block(value = "rule", optional = true) List<Rule> rules) {

    public Arguments {
      targets = List.copyOf(targets);
      rules = List.copyOf(rules);
    }

    /** No targets, no rules. */
    public static Arguments defaults() {
      return new Arguments(List.of(), List.of());
    }
  }

  /**
   * The exports.
   *
   * @param output the targets after relabeling, dropped ones removed
   * @param rules the rules, for components that accept {@code RelabelRules}
   */
  public record Exports(
      @Attr("output") List<Map<String, String>> output, @Attr("rules") RelabelRules rules) {}

  private final Options options;
  private final Relabeler relabeler = new Relabeler(); // guarded by this

  DiscoveryRelabel(Options options, Arguments arguments) {
    this.options = options;
    update(arguments);
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    context.awaitCancellation(); // everything happens in update
  }

  /**
   * Relabels the targets and exports the result.
   *
   * @throws IllegalArgumentException when a rule is invalid (decoding catches this first)
   */
  @Override
  public synchronized void update(Arguments arguments) {
    List<Rule> rules = arguments.rules();
    LiveDebugging live = options.services().liveDebugging();
    boolean debugging = live.active(options.id());
    List<Map<String, String>> output = new ArrayList<>(arguments.targets().size());
    for (Map<String, String> target : arguments.targets()) {
      Labels in = Labels.of(target);
      Optional<Labels> out = relabeler.process(in, rules);
      out.ifPresent(
          labels ->
              output.add(labels == in ? target : Collections.unmodifiableMap(labels.toMap())));
      if (debugging) {
        Labels result = out.orElse(Labels.EMPTY);
        live.publish(options.id(), () -> in + " => " + result);
      }
    }
    options.onStateChange(new Exports(List.copyOf(output), new RelabelRules(rules)));
  }
}
