package dev.jalloy.component.prometheus.exporter;

import dev.jalloy.component.Options;
import dev.jalloy.syntax.decode.Attr;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The exporter convention of Alloy's {@code internal/component/prometheus/exporter/exporter.go}:
 * every exporter exports {@code targets}, by default one target that makes {@code
 * prometheus.scrape} fetch the component's {@code /metrics} through the in-memory listener.
 */
public final class Exporter {
  private Exporter() {}

  /**
   * The exports of every {@code prometheus.exporter.*} component.
   *
   * @param targets the targets to scrape, each a map of labels
   */
  public record Exports(@Attr("targets") List<Map<String, String>> targets) {
    /** Copies the targets. */
    public Exports {
      targets = List.copyOf(targets);
    }
  }

  /**
   * Alloy's base target for an exporter:
   *
   * <pre>
   * __address__           = the memory address (alloy.internal:12345)
   * __scheme__            = "http"
   * __metrics_path__      = "/api/v0/component/&lt;id&gt;/metrics"
   * instance              = the instance key (the host name unless the exporter says otherwise)
   * job                   = "integrations/&lt;exporter name&gt;"
   * __meta_component_name = the id without its label, e.g. prometheus.exporter.self
   * __meta_component_id   = the id
   * </pre>
   *
   * Keys are sorted, as Alloy shows a target's labels.
   *
   * @param exporterName the name after {@code prometheus.exporter.}, e.g. {@code self}
   * @param instance the instance key; {@link #defaultInstance()} for host exporters
   */
  public static Map<String, String> baseTarget(
      Options options, String exporterName, String instance) {
    String id = options.id();
    // Alloy takes the name from the id by dropping the label, except for an unlabelled
    // prometheus.exporter.unix, whose id has no label to drop.
    String componentName =
        id.equals("prometheus.exporter.unix")
            ? id
            : id.substring(0, Math.max(0, id.lastIndexOf('.')));
    Map<String, String> target = new TreeMap<>();
    target.put("__address__", options.services().memoryAddress());
    target.put("__scheme__", "http");
    target.put("__metrics_path__", metricsPath(id));
    target.put("instance", instance);
    target.put("job", "integrations/" + exporterName);
    target.put("__meta_component_name", componentName);
    target.put("__meta_component_id", id);
    return Collections.unmodifiableMap(target);
  }

  /** {@code /api/v0/component/<id>/metrics}, where the HTTP service routes to the component. */
  public static String metricsPath(String componentId) {
    return "/api/v0/component/" + componentId + "/metrics";
  }

  /**
   * The host's name as Alloy's exporters use it for {@code instance}: {@code $HOSTNAME} when set
   * (containers set it to the pod or container name), otherwise the kernel's host name, otherwise
   * {@code unknown}.
   */
  public static String defaultInstance() {
    return defaultInstance(System::getenv);
  }

  static String defaultInstance(Function<String, String> env) {
    String fromEnv = env.apply("HOSTNAME");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    return osHostname().orElse("unknown");
  }

  /** Go's {@code os.Hostname}: the kernel's node name, without a DNS lookup where possible. */
  private static Optional<String> osHostname() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!h.isEmpty()) {
        return Optional.of(h);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: ask the JDK below
    }
    try {
      return Optional.of(InetAddress.getLocalHost().getHostName());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
