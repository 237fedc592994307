package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jalloy.component.prometheus.exporter.unix.ExpositionWriter;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the {@code /sys} collectors on the fixture trees under {@code unix/fixtures/sys-<name>} and
 * renders them as node_exporter would. The expected expositions beside the trees ({@code
 * sys-<name>.prom}) were printed by the real node_exporter 1.5 run with {@code --path.sysfs} on the
 * same tree.
 */
final class SysCollectorFixtures {
  private SysCollectorFixtures() {}

  /** Host paths whose sysfs is the fixture tree {@code sys-<fixture>}. */
  static HostPaths paths(String fixture) {
    Path sys = resource("sys-" + fixture);
    return new HostPaths(Path.of("/nonexistent-proc"), sys, Path.of("/"), Path.of("/nonexistent"));
  }

  /** Host paths whose sysfs is a directory that does not exist (a host without the hardware). */
  static HostPaths empty() {
    Path root = resource("sys-netclass").getParent().resolve("no-such-sys");
    return new HostPaths(Path.of("/nonexistent-proc"), root, Path.of("/"), root);
  }

  /** The collector's output in the text format. */
  static String render(NodeCollector collector) throws IOException, InterruptedException {
    MetricSink sink = new MetricSink();
    collector.collect(sink);
    StringBuilder out = new StringBuilder();
    ExpositionWriter.write(List.of(sink), out);
    return out.toString();
  }

  /**
   * node_exporter's exposition for the fixture; {@code @SYSFS@} stands for the tree's absolute path
   * (rapl labels zones with it).
   */
  static String expected(String fixture) {
    try {
      return Files.readString(resource("sys-" + fixture + ".prom"), UTF_8)
          .replace("@SYSFS@", resource("sys-" + fixture.replaceFirst("-.*", "")).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resource(String name) {
    URL url = SysCollectorFixtures.class.getResource("/unix/fixtures/" + name);
    if (url == null) {
      throw new IllegalStateException("no test resource unix/fixtures/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
