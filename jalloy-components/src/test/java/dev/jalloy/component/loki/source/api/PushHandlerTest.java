package dev.jalloy.component.loki.source.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.component.loki.write.wire.PushRequestEncoder;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The push routes without sockets: a request in, entries forwarded and a status out. */
class PushHandlerTest {
  private static final long NOW_MS = 1_800_000_000_000L;
  private static final long NOW_NS = NOW_MS * 1_000_000L;
  private static final long T = 1_700_000_000L * 1_000_000_000L;

  private final List<LogEntry> received = new CopyOnWriteArrayList<>();
  private final LogsReceiver collecting = received::addAll;
  private final LokiSourceApiMetrics metrics = new LokiSourceApiMetrics(new PrometheusRegistry());
  private final PushHandler handler =
      new PushHandler(Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC), metrics);

  private PushHandler.Target target(Labels labels, List<Rule> rules, boolean incoming) {
    return new PushHandler.Target(collecting, labels, rules, incoming, 1 << 20);
  }

  private PushHandler.Target plain() {
    return target(Labels.EMPTY, List.of(), false);
  }

  private static byte[] proto(String... labelsThenLines) {
    PushRequestEncoder enc = new PushRequestEncoder();
    enc.reset();
    long ts = T;
    for (String s : labelsThenLines) {
      if (s.startsWith("{") || s.isEmpty()) {
        enc.beginStream(s);
      } else {
        enc.entry(ts++, s, Labels.EMPTY);
      }
    }
    PushRequestEncoder.Body b = enc.finish();
    return Arrays.copyOf(b.buffer(), b.length());
  }

  private PushHandler.Response post(
      String path, String contentType, String encoding, String orgId, byte[] body) {
    return post(path, contentType, encoding, orgId, body, plain());
  }

  private PushHandler.Response post(
      String path,
      String contentType,
      String encoding,
      String orgId,
      byte[] body,
      PushHandler.Target t) {
    return handler.handle(
        new PushHandler.Request("POST", path, contentType, encoding, orgId, body), t);
  }

  @Test
  void protobufPushIsForwardedWithReceiveTimeAndTenant() {
    var r =
        post(
            "/loki/api/v1/push",
            "application/x-protobuf",
            "snappy",
            "team-a",
            proto("{job=\"x\", __internal=\"y\"}", "one", "two"));
    assertThat(r.status()).isEqualTo(204);
    Labels expected = Labels.of("job", "x", "__tenant_id__", "team-a");
    assertThat(received)
        .containsExactly(
            LogEntry.of(expected, NOW_NS, "one"), LogEntry.of(expected, NOW_NS, "two"));
    assertThat(metrics.entriesWritten.get()).isEqualTo(2);
  }

  @Test
  void incomingTimestampsAreKeptWhenAsked() {
    var r =
        post(
            "/api/v1/push",
            "",
            "",
            "",
            proto("{job=\"x\"}", "one"),
            target(Labels.EMPTY, List.of(), true));
    assertThat(r.status()).isEqualTo(204);
    assertThat(received).containsExactly(LogEntry.of(Labels.of("job", "x"), T, "one"));
  }

  @Test
  void configuredLabelsWinThenRelabelRulesMayDropAStream() {
    Rule dropDebug = new Rule(List.of("level"), ";", "debug", 0, "", "$1", "drop");
    var r =
        post(
            "/loki/api/v1/push",
            "",
            "",
            "",
            proto("{job=\"x\", level=\"debug\"}", "dropped", "{job=\"x\", level=\"info\"}", "kept"),
            target(Labels.of("job", "forced"), List.of(dropDebug), false));
    assertThat(r.status()).isEqualTo(204);
    assertThat(received)
        .containsExactly(LogEntry.of(Labels.of("job", "forced", "level", "info"), NOW_NS, "kept"));
  }

  @Test
  void gzippedJsonIsDecoded() throws Exception {
    String json =
        "{\"streams\":[{\"stream\":{\"a\":\"1\"},\"values\":[[\"5\",\"l\",{\"k\":\"v\"}]]}]}";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    var r =
        post(
            "/loki/api/v1/push",
            "application/json; charset=utf-8",
            "gzip",
            "",
            gz.toByteArray(),
            target(Labels.EMPTY, List.of(), true));
    assertThat(r.status()).isEqualTo(204);
    assertThat(received)
        .containsExactly(new LogEntry(Labels.of("a", "1"), 5, "l", Labels.of("k", "v")));
  }

  @Test
  void aStreamWithBadLabelsIs400ButTheOthersAreForwarded() {
    var r = post("/loki/api/v1/push", "", "", "", proto("{job=x}", "bad", "{job=\"ok\"}", "good"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("error parsing labels {job=x}");
    assertThat(received).extracting(LogEntry::line).containsExactly("good");
    assertThat(metrics.malformedRequests.get()).isEqualTo(1);
  }

  @Test
  void garbageBodiesAre400WithAReasonAndCounted() {
    assertThat(post("/loki/api/v1/push", "", "", "", new byte[] {1, 2, 3}).body())
        .contains("snappy");
    assertThat(post("/loki/api/v1/push", "application/json", "", "", "{".getBytes()).body())
        .contains("invalid JSON push request");
    assertThat(post("/loki/api/v1/push", "", "gzip", "", "not gzip".getBytes()).body())
        .contains("cannot decompress gzip body");
    assertThat(post("/loki/api/v1/push", "", "br", "", new byte[1]).body())
        .contains("unsupported Content-Encoding br");
    assertThat(received).isEmpty();
    assertThat(metrics.malformedRequests.get()).isEqualTo(4);
  }

  @Test
  void rawLinesAreEntriesWithTheFixedLabelsOnly() {
    var r =
        post(
            "/loki/api/v1/raw",
            "text/plain",
            "",
            "team-a",
            "first\r\n\nsecond\nthird".getBytes(StandardCharsets.UTF_8),
            target(Labels.of("source", "raw"), List.of(), true));
    assertThat(r.status()).isEqualTo(204);
    Labels l = Labels.of("source", "raw");
    assertThat(received)
        .containsExactly(
            LogEntry.of(l, NOW_NS, "first"),
            LogEntry.of(l, NOW_NS, "second"),
            LogEntry.of(l, NOW_NS, "third"));
  }

  @Test
  void aFailingReceiverIs500SoTheClientRetries() {
    LogsReceiver failing =
        e -> {
          throw new IllegalStateException("loki.write has exited");
        };
    var r =
        post(
            "/loki/api/v1/push",
            "",
            "",
            "",
            proto("{a=\"1\"}", "x"),
            new PushHandler.Target(failing, Labels.EMPTY, List.of(), false, 1 << 20));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.body()).contains("loki.write has exited");
  }

  @Test
  void otherRoutesAndMethods() {
    var t = plain();
    assertThat(handler.handle(new PushHandler.Request("GET", "/ready", "", "", "", new byte[0]), t))
        .isEqualTo(new PushHandler.Response(200, "ready"));
    assertThat(
            handler
                .handle(
                    new PushHandler.Request("GET", "/loki/api/v1/push", "", "", "", new byte[0]), t)
                .status())
        .isEqualTo(405);
    assertThat(
            handler
                .handle(new PushHandler.Request("POST", "/nope", "", "", "", new byte[0]), t)
                .status())
        .isEqualTo(404);
    assertThat(new ArrayList<>(received)).isEmpty();
  }
}
