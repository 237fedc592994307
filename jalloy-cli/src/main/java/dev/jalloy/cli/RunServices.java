package dev.jalloy.cli;

import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.LiveDebugging;
import dev.jalloy.component.Services;
import dev.jalloy.runtime.RuntimeView;
import dev.jalloy.service.HttpService;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/** The services {@code jalloy run} gives components, backed by the running HTTP service. */
final class RunServices implements Services {
  private final String memoryAddress;
  private final HttpService http;
  private volatile RuntimeView runtime;

  RunServices(String memoryAddress, HttpService http) {
    this.memoryAddress = memoryAddress;
    this.http = http;
  }

  /** Connects the running configuration, whose components serve in-memory requests. */
  void attach(RuntimeView runtime) {
    this.runtime = runtime;
  }

  @Override
  public Optional<HttpHandlerProvider> componentHandler(String componentId) {
    RuntimeView view = runtime;
    return view == null ? Optional.empty() : view.httpHandler(componentId);
  }

  @Override
  public String memoryAddress() {
    return memoryAddress;
  }

  @Override
  public String listenAddress() {
    return http.listenAddress();
  }

  @Override
  public LiveDebugging liveDebugging() {
    return http.liveDebugging();
  }

  @Override
  public void writeSelfMetrics(Writer out) throws IOException {
    http.writeMetrics(out);
  }
}
