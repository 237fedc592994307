package dev.jalloy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jalloy.component.Health;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.runtime.ComponentInfo;
import dev.jalloy.runtime.RuntimeView;
import dev.jalloy.syntax.decode.BodyEntry;
import dev.jalloy.syntax.value.Value;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServiceTest {
  static final Instant T = Instant.parse("2025-01-02T03:04:05.123456789Z");

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final FakeRuntimeView runtime = new FakeRuntimeView();
  private HttpService http;

  @BeforeEach
  void start() throws Exception {
    http = HttpService.builder().listenAddress("127.0.0.1:0").build();
    http.start();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  static ComponentInfo info(String id, Health health) {
    String name = id.substring(0, id.lastIndexOf('.'));
    String label = id.substring(id.lastIndexOf('.') + 1);
    return new ComponentInfo(
        id,
        name,
        label,
        "",
        health,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        false);
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path);
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void notReadyBeforeTheRuntimeIsAttachedOrLoaded() throws Exception {
    assertThat(get("/-/ready").statusCode()).isEqualTo(503);
    assertThat(get("/-/ready").body()).isEqualTo("Alloy is not ready.\n");
    http.attach(runtime);
    assertThat(get("/-/ready").statusCode()).isEqualTo(503);
    runtime.ready = true;
    HttpResponse<String> r = get("/-/ready");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("Alloy is ready.\n");
  }

  @Test
  void healthyListsOnlyUnhealthyComponentsByName() throws Exception {
    http.attach(runtime);
    runtime.add(info("prometheus.scrape.a", Health.healthy("started component", T)));
    runtime.add(info("discovery.relabel.b", Health.exited("done", T)));
    runtime.add(info("local.file.c", Health.unknown(T)));
    HttpResponse<String> ok = get("/-/healthy");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("All Alloy components are healthy.\n");

    runtime.add(info("prometheus.relabel.x", Health.unhealthy("bad", T)));
    runtime.add(info("loki.write.y", Health.unhealthy("bad", T)));
    HttpResponse<String> bad = get("/-/healthy");
    assertThat(bad.statusCode()).isEqualTo(500);
    assertThat(bad.body()).isEqualTo("unhealthy components: loki.write, prometheus.relabel\n");
  }

  @Test
  void reloadCallsTheRuntimeOnGetAndPostOnly() throws Exception {
    http.attach(runtime);
    HttpResponse<String> ok = get("/-/reload");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("config reloaded\n");

    runtime.reloadResult = new RuntimeView.ReloadResult(false, "config.alloy:1:1: unexpected }");
    HttpResponse<String> bad = send("POST", "/-/reload");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("config.alloy:1:1: unexpected }\n");

    assertThat(send("PUT", "/-/reload").statusCode()).isEqualTo(405);
    assertThat(runtime.reloads.get()).isEqualTo(2);
  }

  @Test
  void componentListAndDetailUseAlloysJson() throws Exception {
    http.attach(runtime);
    runtime.add(
        new ComponentInfo(
            "prometheus.scrape.default",
            "prometheus.scrape",
            "default",
            "",
            Health.healthy("started component", T),
            List.of(
                new BodyEntry.Attribute(
                    "targets",
                    Value.array(Value.object(Map.of("__address__", Value.string("h:9100"))))),
                new BodyEntry.Attribute("scrape_interval", Value.string("15s")),
                new BodyEntry.Nested(
                    "basic_auth",
                    "",
                    List.of(
                        new BodyEntry.Attribute("username", Value.string("u")),
                        new BodyEntry.Attribute("password", Value.secret("hunter2"))))),
            Optional.of(List.of(new BodyEntry.Attribute("x", Value.number(1L)))),
            Optional.empty(),
            List.of("discovery.relabel.a"),
            List.of(),
            List.of("prometheus.remote_write.b"),
            true));

    HttpResponse<String> list = get("/api/v0/web/components");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(list.body())
        .isEqualTo(
            """
            [{"name":"prometheus.scrape","type":"block","localID":"prometheus.scrape.default",\
            "moduleID":"","label":"default","referencesTo":["discovery.relabel.a"],\
            "referencedBy":[],"dataFlowEdgesTo":["prometheus.remote_write.b"],\
            "health":{"state":"healthy","message":"started component","updatedTime":"2025-01-02T03:04:05.123456789Z"},\
            "original":"","arguments":[],"exports":[],"debugInfo":[],\
            "liveDebuggingEnabled":true}]""");

    HttpResponse<String> detail = get("/api/v0/web/components/prometheus.scrape.default");
    assertThat(detail.statusCode()).isEqualTo(200);
    JsonNode d = new ObjectMapper().readTree(detail.body());
    assertThat(d.get("arguments").toString())
        .isEqualTo(
            """
            [{"name":"targets","type":"attr","value":{"type":"array","value":[{"type":"object",\
            "value":[{"key":"__address__","value":{"type":"string","value":"h:9100"}}]}]}},\
            {"name":"scrape_interval","type":"attr","value":{"type":"string","value":"15s"}},\
            {"name":"basic_auth","type":"block","body":[{"name":"username","type":"attr",\
            "value":{"type":"string","value":"u"}},{"name":"password","type":"attr",\
            "value":{"type":"capsule","value":"(secret)"}}]}]""");
    assertThat(d.get("exports").toString())
        .isEqualTo(
            "[{\"name\":\"x\",\"type\":\"attr\",\"value\":{\"type\":\"number\",\"value\":1}}]");
    assertThat(detail.body()).doesNotContain("hunter2");

    HttpResponse<String> missing = get("/api/v0/web/components/nope.nope.nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("404 page not found\n");
  }

  @Test
  void componentHandlersGetTheRequestWithThePrefixStripped() throws Exception {
    http.attach(runtime);
    runtime.add(info("prometheus.exporter.unix.node", Health.healthy("ok", T)));
    runtime.handlers.put(
        "prometheus.exporter.unix.node",
        req ->
            HttpHandlerProvider.HttpResponse.text(
                200, req.method() + " " + req.path() + "?" + req.query()));

    HttpResponse<String> r = get("/api/v0/component/prometheus.exporter.unix.node/metrics?a=b");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("GET /metrics?a=b");
    assertThat(get("/api/v0/component/prometheus.exporter.unix.node").body()).isEqualTo("GET /?");
    assertThat(get("/api/v0/component/unknown.thing.x/metrics").statusCode()).isEqualTo(404);

    runtime.add(info("local.file.nohandler", Health.healthy("ok", T)));
    assertThat(get("/api/v0/component/local.file.nohandler/x").statusCode()).isEqualTo(404);
  }

  @Test
  void staticFilesWithIndexFallbackForClientRoutes() throws Exception {
    HttpResponse<String> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(index.body()).contains("test ui");

    HttpResponse<String> js = get("/assets/app.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.body()).contains("console.log");

    HttpResponse<String> route = get("/component/prometheus.scrape.default");
    assertThat(route.statusCode()).isEqualTo(200);
    assertThat(route.body()).contains("test ui");

    assertThat(get("/assets/../../../etc/passwd").body()).doesNotContain("root:");
    assertThat(get("/api/v0/web/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void h2cServesTheSameRoutes() throws Exception {
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> r =
        h2.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/-/ready"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(r.body()).isEqualTo("Alloy is not ready.\n");
  }

  @Test
  void portInUseIsOneLineNamingTheAddressAndTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String address = "127.0.0.1:" + taken.getLocalPort();
      HttpService second = HttpService.builder().listenAddress(address).build();
      assertThatThrownBy(second::start)
          .isInstanceOf(BindException.class)
          .hasMessage(
              "cannot listen on "
                  + address
                  + ": address already in use; choose another with --server.http.listen-addr");
      second.close();
    }
  }

  @Test
  void badListenAddressesAreRejectedWithTheFlagName() {
    assertThatThrownBy(() -> HttpService.builder().listenAddress("localhost").build())
        .hasMessageContaining("--server.http.listen-addr");
    assertThatThrownBy(() -> HttpService.builder().listenAddress("h:99999").build())
        .hasMessageContaining("port out of range");
  }
}
