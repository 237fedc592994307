package dev.jalloy.component.loki.source.api;

import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.component.loki.write.wire.LabelSetString;
import dev.jalloy.component.loki.write.wire.MalformedPushException;
import dev.jalloy.component.loki.write.wire.PushEntry;
import dev.jalloy.component.loki.write.wire.PushRequest;
import dev.jalloy.component.loki.write.wire.PushRequestDecoder;
import dev.jalloy.component.loki.write.wire.PushStream;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The push routes of {@code loki.source.api}, without sockets: a request in, a status out, so every
 * case is testable directly. Follows Alloy's {@code internal/component/loki/source/api/api.go}.
 *
 * <p>Entries are handed to {@code forward_to} synchronously before the answer: a 204 means every
 * receiver accepted them (for {@code loki.write}, fsynced into its queue), so a client that got one
 * may forget the lines. A receiver failure is a 500 and the client sends again.
 */
final class PushHandler {
  static final String TENANT_LABEL = "__tenant_id__";

  /**
   * What the handler needs from the arguments, swapped as one on update.
   *
   * @param forwardTo the receivers, already combined
   * @param labels added to every stream, over the incoming ones
   * @param rules relabel rules applied per stream
   * @param useIncomingTimestamp whether entries keep the client's timestamps
   * @param maxBodyBytes the limit on a decoded body
   */
  record Target(
      LogsReceiver forwardTo,
      Labels labels,
      List<Rule> rules,
      boolean useIncomingTimestamp,
      int maxBodyBytes) {}

  /** A request's parts that matter here. */
  record Request(
      String method,
      String path,
      String contentType,
      String contentEncoding,
      String orgId,
      byte[] body) {}

  /** The answer: a status and a text body (empty for 204). */
  record Response(int status, String body) {}

  private final Clock clock;
  private final LokiSourceApiMetrics metrics;

  PushHandler(Clock clock, LokiSourceApiMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
  }

  Response handle(Request r, Target target) {
    return switch (r.path()) {
      case "/loki/api/v1/push", "/api/v1/push" -> post(r, () -> push(r, target));
      case "/loki/api/v1/raw", "/api/v1/raw" -> post(r, () -> raw(r, target));
      case "/ready" -> new Response(200, "ready");
      default -> new Response(404, "404 page not found\n");
    };
  }

  private interface Route {
    Response serve() throws InterruptedException;
  }

  private static Response post(Request r, Route route) {
    if (!r.method().equals("POST")) {
      return new Response(405, "method not allowed\n");
    }
    try {
      return route.serve();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(503, "shutting down\n");
    }
  }

  private Response push(Request r, Target t) throws InterruptedException {
    PushRequest request;
    try {
      byte[] body = decompress(r.body(), r.contentEncoding(), t.maxBodyBytes());
      request =
          isJson(r.contentType())
              ? PushJsonDecoder.decode(body)
              : new PushRequestDecoder(t.maxBodyBytes()).decode(body);
    } catch (MalformedPushException e) {
      return malformed(e.getMessage());
    }
    long now = clock.millis() * 1_000_000L;
    List<LogEntry> entries = new ArrayList<>(request.entryCount());
    String lastError = null;
    Relabeler relabeler = new Relabeler();
    for (PushStream s : request.streams()) {
      Labels parsed;
      try {
        parsed = LabelSetString.parse(s.labels());
      } catch (MalformedPushException e) {
        lastError = e.getMessage(); // the other streams are still forwarded, as in Alloy
        continue;
      }
      Optional<Labels> labels = streamLabels(parsed, t, relabeler, r.orgId());
      if (labels.isEmpty()) {
        continue;
      }
      for (PushEntry e : s.entries()) {
        long ts = t.useIncomingTimestamp() ? e.timestampNanos() : now;
        entries.add(new LogEntry(labels.get(), ts, e.line(), e.structuredMetadata()));
      }
    }
    Response failed = forward(t, entries);
    if (failed != null) {
      return failed;
    }
    return lastError == null ? new Response(204, "") : malformed(lastError);
  }

  /** Configured labels over the incoming ones, relabel, drop internal labels, add the tenant. */
  private static Optional<Labels> streamLabels(
      Labels incoming, Target t, Relabeler relabeler, String orgId) {
    Labels.Builder b = incoming.toBuilder();
    t.labels().forEach(b::set);
    Labels labels = b.build();
    if (!t.rules().isEmpty()) {
      Optional<Labels> out = relabeler.process(labels, t.rules());
      if (out.isEmpty()) {
        return Optional.empty();
      }
      labels = out.get();
    }
    if (labels.isEmpty()) {
      return Optional.empty();
    }
    Labels.Builder f = Labels.builder();
    labels.forEach(
        (n, v) -> {
          if (!n.startsWith("__")) {
            f.set(n, v);
          }
        });
    if (!orgId.isEmpty()) {
      f.set(TENANT_LABEL, orgId);
    }
    Labels filtered = f.build();
    return filtered.isEmpty() ? Optional.empty() : Optional.of(filtered);
  }

  private Response raw(Request r, Target t) throws InterruptedException {
    byte[] body;
    try {
      body = decompress(r.body(), r.contentEncoding(), t.maxBodyBytes());
    } catch (MalformedPushException e) {
      return malformed(e.getMessage());
    }
    long now = clock.millis() * 1_000_000L;
    List<LogEntry> entries = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (!line.isEmpty()) {
        entries.add(LogEntry.of(t.labels(), now, line));
      }
    }
    Response failed = forward(t, entries);
    return failed != null ? failed : new Response(204, "");
  }

  /** Hands entries downstream; null on success, else the 500 to answer. */
  private Response forward(Target t, List<LogEntry> entries) throws InterruptedException {
    if (entries.isEmpty()) {
      return null;
    }
    try {
      t.forwardTo().receive(entries);
    } catch (RuntimeException e) {
      metrics.forwardFailures.inc();
      return new Response(500, "failed to forward entries: " + e.getMessage() + "\n");
    }
    metrics.entriesWritten.inc(entries.size());
    return null;
  }

  private Response malformed(String message) {
    metrics.malformedRequests.inc();
    return new Response(400, message + "\n");
  }

  private static boolean isJson(String contentType) {
    return contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  /** Undoes {@code Content-Encoding: gzip / deflate}; {@code snappy} or none is left as it is. */
  static byte[] decompress(byte[] body, String encoding, int limit) throws MalformedPushException {
    String e = encoding.trim().toLowerCase(Locale.ROOT);
    InputStream in;
    try {
      in =
          switch (e) {
            case "", "snappy", "identity" -> null;
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
            default -> throw new MalformedPushException("unsupported Content-Encoding " + encoding);
          };
      if (in == null) {
        return body;
      }
      try (in) {
        byte[] out = in.readNBytes(limit + 1);
        if (out.length > limit) {
          throw new MalformedPushException(
              "decompressed body exceeds the limit of " + limit + " bytes");
        }
        return out;
      }
    } catch (IOException x) {
      throw new MalformedPushException("cannot decompress " + e + " body: " + x.getMessage(), x);
    }
  }
}
