package dev.jalloy.cli;

import com.sun.net.httpserver.HttpServer;
import dev.jalloy.component.loki.write.wire.PushEntry;
import dev.jalloy.component.loki.write.wire.PushRequest;
import dev.jalloy.component.loki.write.wire.PushRequestDecoder;
import dev.jalloy.component.loki.write.wire.PushStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Loki-like push endpoint for the tests that run the real jar: there is no Loki binary here, so
 * it decodes the push protocol (snappy protobuf) itself and keeps every stream it accepted.
 */
final class LokiReceiver implements AutoCloseable {
  /** The path jalloy pushes to. */
  static final String PUSH_PATH = "/loki/api/v1/push";

  final int port;
  final List<PushStream> streams = new CopyOnWriteArrayList<>();
  final List<String> tenants = new CopyOnWriteArrayList<>();
  private HttpServer server;

  /** A receiver for {@code port}, not listening until {@link #start()}. */
  LokiReceiver(int port) {
    this.port = port;
  }

  /** A receiver on a free port, already listening. */
  static LokiReceiver started() throws IOException {
    LokiReceiver r = new LokiReceiver(JalloyProcess.freePort());
    r.start();
    return r;
  }

  /** The push URL, for {@code loki.write}'s {@code endpoint.url}. */
  String url() {
    return "http://127.0.0.1:" + port + PUSH_PATH;
  }

  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        PUSH_PATH,
        exchange -> {
          try {
            PushRequest r =
                new PushRequestDecoder(64 << 20).decode(exchange.getRequestBody().readAllBytes());
            streams.addAll(r.streams());
            String tenant = exchange.getRequestHeaders().getFirst("X-Scope-OrgID");
            tenants.add(tenant == null ? "" : tenant);
          } catch (Exception e) {
            byte[] msg = e.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, msg.length);
            exchange.getResponseBody().write(msg);
            exchange.close();
            return;
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  /** Every line received, in arrival order, duplicates included. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    streams.forEach(s -> s.entries().forEach(e -> out.add(e.line())));
    return out;
  }

  Set<String> distinctLines() {
    return new TreeSet<>(lines());
  }

  /** One received entry with the label set of its stream. */
  record Received(String labels, long timestampNanos, String line) {}

  /** Every entry received, in arrival order. */
  List<Received> entries() {
    List<Received> out = new ArrayList<>();
    for (PushStream s : streams) {
      for (PushEntry e : s.entries()) {
        out.add(new Received(s.labels(), e.timestampNanos(), e.line()));
      }
    }
    return out;
  }

  /** The label set each distinct line arrived with (the last one, should it repeat). */
  Map<String, String> labelsByLine() {
    Map<String, String> out = new TreeMap<>();
    entries().forEach(e -> out.put(e.line(), e.labels()));
    return out;
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
