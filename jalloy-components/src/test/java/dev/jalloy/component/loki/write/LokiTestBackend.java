package dev.jalloy.component.loki.write;

import com.sun.net.httpserver.HttpServer;
import dev.jalloy.component.loki.write.wire.PushRequest;
import dev.jalloy.component.loki.write.wire.PushRequestDecoder;
import dev.jalloy.component.loki.write.wire.PushStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Loki-like push endpoint on a loopback port (there is no Loki binary here): answers with queued
 * statuses (then 204), decodes every request, and keeps those it answered with 2xx together with
 * their headers. It can be started late on a reserved port to play a backend that is down.
 */
final class LokiTestBackend implements AutoCloseable {
  /** One accepted push. */
  record Push(
      String tenant,
      String contentType,
      String contentEncoding,
      java.util.Map<String, String> headers,
      PushRequest request) {}

  final int port;
  final List<Push> accepted = new CopyOnWriteArrayList<>();
  final List<Integer> answered = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();

  /** How long each request is held before it is answered. */
  volatile java.time.Duration delay = java.time.Duration.ZERO;

  /** The most requests that were being answered at the same time. */
  final java.util.concurrent.atomic.AtomicInteger mostAtOnce =
      new java.util.concurrent.atomic.AtomicInteger();

  private final java.util.concurrent.atomic.AtomicInteger atOnce =
      new java.util.concurrent.atomic.AtomicInteger();
  private HttpServer server;

  private LokiTestBackend(int port) {
    this.port = port;
  }

  static LokiTestBackend started() throws IOException {
    LokiTestBackend b = down();
    b.start();
    return b;
  }

  /** A backend that is not listening yet. */
  static LokiTestBackend down() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new LokiTestBackend(s.getLocalPort());
    }
  }

  String url() {
    return "http://127.0.0.1:" + port + "/loki/api/v1/push";
  }

  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/loki/api/v1/push",
        exchange -> {
          mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = exchange.getRequestBody().readAllBytes();
          Integer s = statuses.poll();
          int status = s == null ? 204 : s;
          try {
            PushRequest req = new PushRequestDecoder(64 << 20).decode(body);
            if (status / 100 == 2) {
              var h = exchange.getRequestHeaders();
              String tenant = h.getFirst("X-Scope-OrgID");
              accepted.add(
                  new Push(
                      tenant == null ? "" : tenant,
                      h.getFirst("Content-Type"),
                      h.getFirst("Content-Encoding"),
                      headers(h),
                      req));
            }
          } catch (Exception e) {
            status = 400;
          }
          answered.add(status);
          atOnce.decrementAndGet();
          byte[] msg = status / 100 == 2 ? new byte[0] : ("status " + status + "\nmore").getBytes();
          exchange.sendResponseHeaders(status, msg.length == 0 ? -1 : msg.length);
          if (msg.length > 0) {
            exchange.getResponseBody().write(msg);
          }
          exchange.close();
        });
    // A thread per request: two pushes at once would be seen as two at once, not queued.
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  private static java.util.Map<String, String> headers(com.sun.net.httpserver.Headers h) {
    java.util.Map<String, String> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.forEach((k, v) -> out.put(k, String.join(",", v)));
    return out;
  }

  void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Every accepted line, in arrival order. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Push p : accepted) {
      for (PushStream s : p.request().streams()) {
        s.entries().forEach(e -> out.add(e.line()));
      }
    }
    return out;
  }

  @Override
  public void close() {
    stop();
  }
}
