package dev.jalloy.cli;

import dev.jalloy.component.LiveDebugging;
import dev.jalloy.component.Services;
import dev.jalloy.service.HttpService;
import java.io.IOException;
import java.io.Writer;

/** The services {@code jalloy run} gives components, backed by the running HTTP service. */
final class RunServices implements Services {
  private final String memoryAddress;
  private final HttpService http;

  RunServices(String memoryAddress, HttpService http) {
    this.memoryAddress = memoryAddress;
    this.http = http;
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
