package dev.jalloy.component;

import java.io.IOException;
import java.io.Writer;

/** Process-wide facilities a component may use. */
public interface Services {
  /**
   * The in-memory address exporters publish as their targets' {@code __address__} (Alloy's {@code
   * --server.http.memory-addr}, {@code alloy.internal:12345} by default). A scraper that sees it
   * scrapes the component in process instead of over the network.
   */
  String memoryAddress();

  /** The address the HTTP server listens on ({@code --server.http.listen-addr}). */
  String listenAddress();

  /**
   * Publishes a human-readable sample of the data passing through a component to its live debugging
   * stream. Cheap when nobody watches: call {@link LiveDebugging#active} first to skip building the
   * message.
   */
  LiveDebugging liveDebugging();

  /**
   * Writes the process's own metrics exactly as {@code /metrics} serves them (Prometheus text
   * format 0.0.4): what {@code prometheus.exporter.self} exports.
   */
  void writeSelfMetrics(Writer out) throws IOException;

  /**
   * The HTTP handler of a component, for clients that see {@link #memoryAddress()} as a target's
   * address: Alloy dials its in-memory listener there, jalloy calls the handler in process. A path
   * {@code /api/v0/component/<id>/metrics} on the memory address means handler {@code id}, sub-path
   * {@code /metrics}.
   */
  default java.util.Optional<HttpHandlerProvider> componentHandler(String componentId) {
    return java.util.Optional.empty();
  }
}
