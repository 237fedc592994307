package dev.jalloy.cli.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.json.TypeToken;

/**
 * A <b>stand-in for the jalloy HTTP server</b>, used until the real one serves the UI: it serves
 * the UI assets from the classpath the way the real server must, and canned answers for the UI's
 * API calls.
 *
 * <ul>
 *   <li>{@code <prefix>api/v0/web/components}, {@code .../components/<id>} and {@code
 *       .../modules/<moduleID>/components} answer from {@code pipeline.json} and {@code
 *       modules.json} (lists without arguments, exports and debugInfo, as in Alloy);
 *   <li>{@code <prefix>api/v0/web/debug/<id>} streams {@link #DEBUG_MESSAGES}, each followed by
 *       {@code |;|}, in chunks that cut a message and a delimiter in two. After the first chunk the
 *       stream waits for {@link #releaseDebugStream()}, so a test can see the cut message is not
 *       shown before its end arrives;
 *   <li>any other path is a UI asset, or {@code index.html} (SPA fallback) with {@code <base
 *       href="/">} rewritten to the prefix.
 * </ul>
 *
 * It answers both at {@code /} and under {@link #PREFIX}, to show the UI works under {@code
 * --server.http.ui-path-prefix}.
 */
final class StandInJalloyServer implements AutoCloseable {
  static final String PREFIX = "/under/a/prefix/";
  static final String ASSETS = "dev/jalloy/service/ui/";

  static final List<String> DEBUG_MESSAGES =
      List.of(
          "[IN]: timestamp: 2025-06-01T09:15:01.12Z, entry: {\"level\":\"info\",\"msg\":\"disk ok\"},"
              + " labels: {filename=\"/var/log/syslog\"}",
          "[OUT]: timestamp: 2025-06-01T09:15:01.12Z, entry: {\"level\":\"info\",\"msg\":\"disk ok\"},"
              + " labels: {filename=\"/var/log/syslog\", level=\"info\"}",
          "[IN]: timestamp: 2025-06-01T09:15:02.48Z, entry: {\"level\":\"warn\",\"msg\":\"sshd: invalid"
              + " user admin from 10.0.0.7\"}, labels: {filename=\"/var/log/auth.log\"}",
          "[OUT]: timestamp: 2025-06-01T09:15:02.48Z, entry: {\"level\":\"warn\",\"msg\":\"sshd: invalid"
              + " user admin from 10.0.0.7\"}, labels: {filename=\"/var/log/auth.log\","
              + " level=\"warn\"}");

  private static final String DELIMITER = "|;|";
  private static final Json JSON = new Json();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Map<String, Object>> components;
  private final Map<String, List<Map<String, Object>>> modules;
  private final Semaphore debugGate = new Semaphore(0);

  private StandInJalloyServer(
      HttpServer server,
      List<Map<String, Object>> components,
      Map<String, List<Map<String, Object>>> modules) {
    this.server = server;
    this.components = components;
    this.modules = modules;
  }

  static StandInJalloyServer start() throws IOException {
    List<Map<String, Object>> components =
        JSON.toType(
            text("dev/jalloy/cli/ui/pipeline.json"),
            new TypeToken<List<Map<String, Object>>>() {}.getType());
    Map<String, List<Map<String, Object>>> modules =
        JSON.toType(
            text("dev/jalloy/cli/ui/modules.json"),
            new TypeToken<Map<String, List<Map<String, Object>>>>() {}.getType());
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StandInJalloyServer standIn = new StandInJalloyServer(http, components, modules);
    http.setExecutor(standIn.executor);
    http.createContext("/", standIn::handle);
    http.start();
    return standIn;
  }

  /** The UI at the root, e.g. {@code http://127.0.0.1:41234/}. */
  URI root() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** The UI under {@link #PREFIX}. */
  URI underPrefix() {
    return root().resolve(PREFIX);
  }

  /** Lets one waiting debug stream send the rest of its messages. */
  void releaseDebugStream() {
    debugGate.release();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String prefix = path.startsWith(PREFIX) ? PREFIX : "/";
      String rest = path.substring(prefix.length());
      if (rest.startsWith("api/v0/web/")) {
        api(exchange, rest.substring("api/v0/web/".length()));
      } else {
        asset(exchange, prefix, rest);
      }
    }
  }

  private void api(HttpExchange exchange, String rest) throws IOException {
    if (rest.equals("components")) {
      send(exchange, 200, "application/json", JSON.toJson(summaries(components)));
    } else if (rest.startsWith("modules/") && rest.endsWith("/components")) {
      String module =
          URLDecoder.decode(
              rest.substring("modules/".length(), rest.length() - "/components".length()),
              StandardCharsets.UTF_8);
      if (modules.containsKey(module)) {
        send(exchange, 200, "application/json", JSON.toJson(summaries(modules.get(module))));
      } else {
        send(exchange, 404, "text/plain", "module not found\n");
      }
    } else if (rest.startsWith("components/")) {
      Optional<Map<String, Object>> component = find(rest.substring("components/".length()));
      if (component.isPresent()) {
        send(exchange, 200, "application/json", JSON.toJson(component.get()));
      } else {
        send(exchange, 404, "text/plain", "component not found\n");
      }
    } else if (rest.startsWith("debug/")) {
      Optional<Map<String, Object>> component = find(rest.substring("debug/".length()));
      if (component.isEmpty()) {
        send(exchange, 404, "text/plain", "component not found\n");
      } else if (!Boolean.TRUE.equals(component.get().get("liveDebuggingEnabled"))) {
        send(exchange, 400, "text/plain", "live debugging is not supported by this component\n");
      } else {
        streamDebug(exchange);
      }
    } else {
      send(exchange, 404, "text/plain", "404 page not found\n");
    }
  }

  /** The list endpoints leave the bodies out, as Alloy's do. */
  private static List<Map<String, Object>> summaries(List<Map<String, Object>> components) {
    return components.stream()
        .map(
            c -> {
              Map<String, Object> summary = new LinkedHashMap<>(c);
              summary.keySet().removeAll(List.of("arguments", "exports", "debugInfo"));
              return summary;
            })
        .toList();
  }

  /** By global id: "localID" in the root module, "moduleID/localID" inside a module. */
  private Optional<Map<String, Object>> find(String encodedId) {
    String id = URLDecoder.decode(encodedId, StandardCharsets.UTF_8);
    return Stream.concat(components.stream(), modules.values().stream().flatMap(List::stream))
        .filter(c -> id.equals(globalId(c)))
        .findFirst();
  }

  static String globalId(Map<String, Object> component) {
    String module = String.valueOf(component.getOrDefault("moduleID", ""));
    String local = component.get("localID").toString();
    return module.isEmpty() ? local : module + "/" + local;
  }

  private void streamDebug(HttpExchange exchange) throws IOException {
    String all = String.join(DELIMITER, DEBUG_MESSAGES) + DELIMITER;
    String first = DEBUG_MESSAGES.getFirst() + DELIMITER;
    int cutMessage = first.length() + 20; // inside the second message
    int cutDelimiter = all.indexOf(DELIMITER, cutMessage) + 1; // "|" here, ";|" next chunk
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, 0); // chunked
    OutputStream out = exchange.getResponseBody();
    chunk(out, all.substring(0, cutMessage));
    try {
      if (!debugGate.tryAcquire(60, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    chunk(out, all.substring(cutMessage, cutDelimiter));
    chunk(out, all.substring(cutDelimiter));
  }

  private static void chunk(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void asset(HttpExchange exchange, String prefix, String rest) throws IOException {
    if (!rest.isEmpty() && !rest.endsWith("/") && !rest.contains("..")) {
      try (InputStream in = optionalResource(ASSETS + rest)) {
        if (in != null) {
          send(exchange, 200, contentType(rest), in.readAllBytes());
          return;
        }
      }
    }
    // SPA fallback: the router in the page decides what to show.
    try (InputStream in = resource(ASSETS + "index.html")) {
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      send(
          exchange,
          200,
          "text/html; charset=utf-8",
          html.replace("<base href=\"/\">", "<base href=\"" + prefix + "\">"));
    }
  }

  static String contentType(String path) {
    String ext = path.substring(path.lastIndexOf('.') + 1);
    return switch (ext) {
      case "html" -> "text/html; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "svg" -> "image/svg+xml";
      case "json" -> "application/json";
      default -> "application/octet-stream";
    };
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  private static String text(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream optionalResource(String name) {
    return StandInJalloyServer.class.getClassLoader().getResourceAsStream(name);
  }

  private static InputStream resource(String name) {
    InputStream in = optionalResource(name);
    if (in == null) {
      throw new UncheckedIOException(new IOException("not on the classpath: " + name));
    }
    return in;
  }
}
