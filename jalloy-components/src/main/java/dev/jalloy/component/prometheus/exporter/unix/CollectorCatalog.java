package dev.jalloy.component.prometheus.exporter.unix;

import dev.jalloy.component.prometheus.exporter.unix.PrometheusExporterUnix.Regexes;
import dev.jalloy.component.prometheus.exporter.unix.collectors.FilesystemCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.OsCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.TextfileCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.TimeCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.TimexCollector;
import dev.jalloy.component.prometheus.exporter.unix.collectors.UnameCollector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The collectors jalloy has, one line each: the name, whether node_exporter enables it by default
 * on Linux, and how to build it from the arguments. A selected name without a line here is skipped,
 * as node_exporter skips collectors its platform does not have.
 *
 * <p>Adding a collector: write the class in {@code collectors}, add its line here ({@code on} for
 * node_exporter's Linux defaults, {@code off} for the optional ones; {@code CollectorCatalogTest}
 * checks which), and add its files under the homelab fixture tree with its series in {@code
 * expected.prom}. {@code NodeExporterConformanceTest} then compares its families with the real
 * node_exporter's without further changes, provided its family prefix is in that test's map.
 */
public final class CollectorCatalog {
  private CollectorCatalog() {}

  /** Builds a collector for one configuration. */
  @FunctionalInterface
  public interface Factory {
    /** A collector reading {@code paths} with the settings of {@code arguments}' blocks. */
    NodeCollector create(HostPaths paths, PrometheusExporterUnix.Arguments arguments);
  }

  /**
   * One collector.
   *
   * @param name node_exporter's name
   * @param enabledByDefault on unless disabled
   * @param factory how to build it
   */
  public record Entry(String name, boolean enabledByDefault, Factory factory) {}

  private static final Map<String, Entry> ENTRIES =
      index(
          on("filesystem", (p, a) -> filesystem(p, a.filesystem())),
          on("os", (p, a) -> new OsCollector(p)),
          on("textfile", (p, a) -> new TextfileCollector(a.textfile().directory())),
          on("time", (p, a) -> new TimeCollector(p)),
          on("timex", (p, a) -> new TimexCollector()),
          on("uname", (p, a) -> new UnameCollector()));

  /** Every collector jalloy has, by name. */
  public static Collection<Entry> all() {
    return Collections.unmodifiableCollection(ENTRIES.values());
  }

  /** The collector of this name, when jalloy has it. */
  public static Optional<Entry> entry(String name) {
    return Optional.ofNullable(ENTRIES.get(name));
  }

  /** Builds the selected collectors that exist, in name order. */
  public static List<NodeCollector> build(
      Set<String> selected, HostPaths paths, PrometheusExporterUnix.Arguments arguments) {
    List<NodeCollector> collectors = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(selected)) {
      Entry e = ENTRIES.get(name);
      if (e != null) {
        collectors.add(e.factory().create(paths, arguments));
      }
    }
    return collectors;
  }

  private static NodeCollector filesystem(
      HostPaths paths, PrometheusExporterUnix.FilesystemBlock block) {
    return new FilesystemCollector(
        paths,
        Regexes.compile("mount_points_exclude", block.mountPointsExclude()),
        Regexes.compile("fs_types_exclude", block.fsTypesExclude()),
        block.mountTimeout());
  }

  private static Entry on(String name, Factory factory) {
    return new Entry(name, true, factory);
  }

  @SuppressWarnings("unused") // for the optional collectors the merge adds
  private static Entry off(String name, Factory factory) {
    return new Entry(name, false, factory);
  }

  private static Map<String, Entry> index(Entry... entries) {
    Map<String, Entry> byName = new TreeMap<>();
    for (Entry e : entries) {
      if (byName.put(e.name(), e) != null) {
        throw new IllegalStateException("collector listed twice: " + e.name());
      }
    }
    return Collections.unmodifiableMap(byName);
  }
}
