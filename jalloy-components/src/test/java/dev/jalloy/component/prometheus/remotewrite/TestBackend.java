package dev.jalloy.component.prometheus.remotewrite;

import com.sun.net.httpserver.HttpServer;
import dev.jalloy.component.prometheus.remotewrite.wire.TimeSeries;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequest;
import dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A remote-write receiver on a loopback port: answers with queued statuses (then 204), decodes
 * every request, and keeps those it answered with 2xx. It can be started late on a reserved port to
 * play a backend that is down.
 */
final class TestBackend implements AutoCloseable {
  final int port;
  final List<WriteRequest> accepted = new CopyOnWriteArrayList<>();
  final List<Integer> answered = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();

  /** How long each request takes to answer; a slow backend. */
  volatile long delayMillis;

  private HttpServer server;

  private TestBackend(int port) {
    this.port = port;
  }

  static TestBackend started() throws IOException {
    TestBackend b = new TestBackend(freePort());
    b.start();
    return b;
  }

  /** A backend that is not listening yet. */
  static TestBackend down() throws IOException {
    return new TestBackend(freePort());
  }

  String url() {
    return "http://127.0.0.1:" + port + "/api/v1/write";
  }

  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/api/v1/write",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          if (delayMillis > 0) {
            try {
              Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          Integer s = statuses.poll();
          int status = s == null ? 204 : s;
          try {
            WriteRequest req = new WriteRequestDecoder().decode(body);
            if (status / 100 == 2) {
              accepted.add(req);
            }
          } catch (Exception e) {
            status = 400;
          }
          answered.add(status);
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    // Concurrent requests are answered concurrently, as a real backend would.
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** Every series accepted, in arrival order. */
  List<TimeSeries> series() {
    List<TimeSeries> out = new ArrayList<>();
    accepted.forEach(r -> out.addAll(r.timeseries()));
    return out;
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
