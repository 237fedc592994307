package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.ExpositionWriter;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.util.List;

/** Runs a collector once and prints what it wrote, as the scrape would. */
final class Expositions {
  private Expositions() {}

  static String collect(NodeCollector collector) throws Exception {
    MetricSink sink = new MetricSink();
    collector.collect(sink);
    return print(sink);
  }

  static String print(MetricSink sink) {
    StringBuilder out = new StringBuilder();
    ExpositionWriter.write(List.of(sink), out);
    return out.toString();
  }
}
