package dev.jalloy.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.json.TypeToken;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless browser.
 *
 * <p>By default the UI is served by {@link StandInJalloyServer}, a stand-in for the jalloy HTTP
 * server. To test a running jalloy instead, pass its UI URL: {@code ./mvnw -pl jalloy-cli verify
 * -Dtest=WebUiBrowserTest -Djalloy.ui.baseUrl=http://127.0.0.1:12345/}. Expectations come from the
 * server's own API, so the same assertions hold for both; only the live-debugging test needs the
 * stand-in's controllable stream and is skipped against a real server.
 *
 * <p>Screenshots of every page land in {@code target/ui-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserTest {
  private static final String BASE_URL_PROPERTY = "jalloy.ui.baseUrl";
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
  private static final Json JSON = new Json();

  private StandInJalloyServer standIn;
  private URI base;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path profile) throws IOException {
    driver = HeadlessChromium.start(profile.resolve("chromium"));
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    String configured = System.getProperty(BASE_URL_PROPERTY, "");
    if (configured.isBlank()) {
      standIn = StandInJalloyServer.start();
      base = standIn.root();
    } else {
      base = URI.create(configured.endsWith("/") ? configured : configured + "/");
    }
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (standIn != null) {
      standIn.close();
    }
  }

  Stream<URI> uiBases() {
    return standIn == null ? Stream.of(base) : Stream.of(standIn.root(), standIn.underPrefix());
  }

  @ParameterizedTest(name = "at {0}")
  @MethodSource("uiBases")
  void listShowsEveryComponentWithItsHealth(URI ui) {
    List<Map<String, Object>> expected = components(ui);
    assertThat(expected).isNotEmpty();

    driver.get(ui.toString());
    wait.until(d -> rows().size() == expected.size());

    for (Map<String, Object> component : expected) {
      String id = (String) component.get("localID");
      WebElement row =
          driver.findElement(By.cssSelector("tr[data-component-id=\"" + css(id) + "\"]"));
      List<WebElement> cells = row.findElements(By.tagName("td"));
      assertThat(cells.get(0).getText()).isEqualTo(id);
      assertThat(cells.get(1).getText()).isEqualTo(component.get("name"));
      assertThat(cells.get(2).getText()).isEqualTo(component.get("label"));
      assertThat(cells.get(3).findElement(By.className("badge")).getDomAttribute("data-health"))
          .as("health of %s", id)
          .isEqualTo(health(component).get("state"));
      assertThat(cells.get(4).getText()).isEqualTo(health(component).get("message"));
    }
    if (ui.equals(base)) {
      screenshot("list");
    }

    // The filter matches id, name, label, health and message, ignoring case.
    String query = expected.getLast().get("name").toString().toUpperCase(Locale.ROOT);
    List<String> matching =
        expected.stream()
            .filter(
                c ->
                    String.join(
                            " ",
                            c.get("localID").toString(),
                            c.get("name").toString(),
                            c.get("label").toString(),
                            health(c).get("state").toString(),
                            health(c).get("message").toString())
                        .toUpperCase(Locale.ROOT)
                        .contains(query))
            .map(c -> c.get("localID").toString())
            .toList();
    driver.findElement(By.cssSelector("input.filter")).sendKeys(query);
    wait.until(d -> Set.copyOf(rowIds()).equals(Set.copyOf(matching)));
    assertThat(driver.getCurrentUrl()).contains("filter=");
  }

  @Test
  void graphDrawsOneNodePerComponentAndTheEdges() {
    List<Map<String, Object>> expected = components(base);

    driver.get(base.resolve("graph").toString());
    wait.until(d -> d.findElements(By.cssSelector("svg.graph a.node")).size() == expected.size());

    Set<String> nodes = new LinkedHashSet<>();
    for (WebElement node : driver.findElements(By.cssSelector("svg.graph a.node"))) {
      nodes.add(node.getDomAttribute("data-id"));
    }
    assertThat(nodes).containsExactlyInAnyOrderElementsOf(ids(expected));
    for (Map<String, Object> component : expected) {
      WebElement node = node(component.get("localID").toString());
      assertThat(node.getDomAttribute("data-health")).isEqualTo(health(component).get("state"));
    }

    Set<String> edges = new LinkedHashSet<>();
    for (WebElement edge : driver.findElements(By.cssSelector("svg.graph path.edge"))) {
      edges.add(edge.getDomAttribute("data-from") + " -> " + edge.getDomAttribute("data-to"));
    }
    assertThat(edges).containsExactlyInAnyOrderElementsOf(expectedEdges(expected));

    List<Rectangle> boxes =
        driver.findElements(By.cssSelector("svg.graph .node-box")).stream()
            .map(WebElement::getRect)
            .toList();
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        assertThat(overlap(boxes.get(i), boxes.get(j)))
            .as("nodes %d and %d overlap", i, j)
            .isFalse();
      }
    }
    screenshot("graph");
    darkScreenshot("graph-dark");
  }

  @Test
  void clickingANodeOpensItsComponentPageWithItsArguments() {
    List<Map<String, Object>> all = components(base);
    // Prefer a component with a secret argument, to see it shown as (secret).
    Map<String, Object> detail =
        all.stream()
            .map(c -> component(c.get("localID").toString()))
            .filter(c -> JSON.toJson(c.get("arguments")).contains("(secret)"))
            .findFirst()
            .orElseGet(() -> component(all.getFirst().get("localID").toString()));
    String id = detail.get("localID").toString();

    driver.get(base.resolve("graph").toString());
    wait.until(ExpectedConditions.elementToBeClickable(nodeLocator(id))).click();

    wait.until(ExpectedConditions.urlToBe(base.resolve("component/" + id).toString()));
    WebElement arguments =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#arguments pre")));
    String text = arguments.getText();
    assertThat(text).startsWith(detail.get("name") + " \"" + detail.get("label") + "\" {");
    for (Object entry : (List<?>) detail.get("arguments")) {
      assertThat(text).contains(((Map<?, ?>) entry).get("name").toString());
    }
    assertThat(driver.findElement(By.cssSelector("#health .badge")).getText())
        .isEqualTo(health(detail).get("state"));
    assertThat(links("#references-to")).isEqualTo(detail.get("referencesTo"));
    assertThat(links("#referenced-by")).isEqualTo(detail.get("referencedBy"));
    screenshot("component");

    boolean hasSecret = JSON.toJson(detail.get("arguments")).contains("(secret)");
    assumeTrue(hasSecret, "no component of " + base + " has a secret argument");
    List<WebElement> secrets = arguments.findElements(By.className("tok-secret"));
    assertThat(secrets).isNotEmpty().allSatisfy(s -> assertThat(s.getText()).isEqualTo("(secret)"));
  }

  @Test
  void debugPageShowsStreamedMessagesInOrder() {
    assumeTrue(standIn != null, "needs the stand-in server's controllable debug stream");
    String id = "loki.process.main";

    driver.get(base.resolve("component/" + id).toString());
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Live debugging")));
    screenshot("component-live-debugging");
    driver.findElement(By.linkText("Live debugging")).click();
    wait.until(ExpectedConditions.urlToBe(base.resolve("debug/" + id).toString()));

    // The first chunk holds one message and half of the next: only the whole one shows.
    List<String> all = StandInJalloyServer.DEBUG_MESSAGES;
    wait.until(d -> debugLines().size() == 1);
    assertThat(debugLines()).containsExactly(all.getFirst());

    standIn.releaseDebugStream();
    wait.until(d -> debugLines().size() == all.size());
    assertThat(debugLines()).containsExactlyElementsOf(all);
    wait.until(
        ExpectedConditions.attributeToBe(By.className("stream-state"), "data-state", "ended"));
    screenshot("debug");

    driver.findElement(By.xpath("//button[text()='Clear']")).click();
    wait.until(d -> debugLines().isEmpty());
  }

  @Test
  void componentPageShowsDebugInfoAndNestedValuesAsAlloySyntax() {
    assumeTrue(standIn != null, "needs the stand-in server's canned components");
    driver.get(base.resolve("component/prometheus.scrape.host").toString());
    WebElement debugInfo =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#debug-info pre")));
    assertThat(debugInfo.getText())
        .isEqualTo(
            """
            target {
              job                  = "integrations/unix"
              url                  = "http://alloy.internal:12345/api/v0/component/prometheus.exporter.unix.host/metrics"
              health               = "up"
              labels               = {
                instance = "nas",
                job      = "integrations/unix",
              }
              last_error           = ""
              last_scrape          = "2025-06-01T09:15:30Z"
              last_scrape_duration = "41.2ms"
              series               = 1342
            }""");
    assertThat(driver.findElement(By.cssSelector("#arguments pre")).getText())
        .contains(
            """
              targets         = [
                {
                  __address__      = "alloy.internal:12345",
            """)
        .contains("  forward_to      = [storage.Appendable]\n")
        .contains("  honor_labels    = false\n");
    assertThat(driver.findElements(By.id("exports"))).isEmpty();
    assertThat(driver.findElements(By.linkText("Live debugging"))).isEmpty();
    screenshot("component-debug-info");
  }

  @Test
  void aModuleHasItsOwnGraphAndItsComponentsTheirOwnPages() {
    assumeTrue(standIn != null, "needs the stand-in server's canned module");
    driver.get(base.resolve("component/import.file.mods").toString());
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#modules a"))).click();

    wait.until(ExpectedConditions.urlToBe(base.resolve("graph/import.file.mods").toString()));
    wait.until(d -> d.findElements(By.cssSelector("svg.graph a.node")).size() == 2);
    assertThat(driver.findElement(By.cssSelector("svg.graph path.edge")).getDomAttribute("data-to"))
        .isEqualTo("loki.echo.out");
    node("loki.relabel.journal").click();

    String id = "import.file.mods/loki.relabel.journal";
    wait.until(ExpectedConditions.urlToBe(base.resolve("component/" + id).toString()));
    wait.until(ExpectedConditions.textToBe(By.className("component-id"), id));
    assertThat(links("#references-to")).containsExactly("loki.echo.out");
    driver.findElement(By.cssSelector("#references-to a")).click();
    wait.until(
        ExpectedConditions.urlToBe(
            base.resolve("component/import.file.mods/loki.echo.out").toString()));
  }

  @Test
  void debugPageReportsAComponentWithoutLiveDebugging() {
    assumeTrue(standIn != null, "needs the stand-in server's canned components");
    driver.get(base.resolve("debug/loki.write.default").toString());
    wait.until(
        ExpectedConditions.attributeToBe(By.className("stream-state"), "data-state", "error"));
    assertThat(driver.findElement(By.className("stream-state")).getText()).contains("HTTP 400");
  }

  @Test
  void unknownComponentAndUnknownPageSayWhatIsMissing() {
    driver.get(base.resolve("component/no.such.thing").toString());
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.className("error-card"), "There is no component with id \"no.such.thing\"."));

    driver.get(base.resolve("no/such/page").toString());
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Page not found"));
  }

  @Test
  void scriptsSplitStreamsAndDrawEdgesTheWayAlloyDoes() {
    driver.get(base.toString());
    wait.until(d -> !rows().isEmpty());

    Object split =
        module(
            "js/api.js",
            "const s = new m.DelimitedSplitter();"
                + " return [s.push('a|;|b'), s.push('c|'), s.push(';|d|;|'), s.push(''), [s.pending]];");
    assertThat(split)
        .isEqualTo(List.of(List.of("a"), List.of(), List.of("bc", "d"), List.of(), List.of("")));

    // Without dataFlowEdgesTo, arrows run from the referenced component to the referencing one.
    Object edges =
        module(
            "js/graph.js",
            "return m.edgesOf([{localID: 'a', referencesTo: []},"
                + " {localID: 'b', referencesTo: ['a']}, {localID: 'c', referencesTo: ['a', 'b']}])"
                + ".map(e => e.from + '>' + e.to);");
    assertThat(edges).isEqualTo(List.of("a>b", "a>c", "b>c"));

    // A cycle and an edge that skips a layer still lay out, every node in its own place.
    Object layout =
        module(
            "js/layout.js",
            "const g = m.layout([{id: 'a', width: 100}, {id: 'b', width: 100}, {id: 'c', width:"
                + " 100}], [{from: 'a', to: 'b'}, {from: 'b', to: 'c'}, {from: 'a', to: 'c'},"
                + " {from: 'c', to: 'a'}]);"
                + " return [g.nodes.map(n => n.id + ':' + n.layer), g.edges.length];");
    assertThat(layout).isEqualTo(List.of(List.of("a:0", "b:1", "c:2"), 4L));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private List<WebElement> rows() {
    return driver.findElements(By.cssSelector("table.components tbody tr[data-component-id]"));
  }

  private List<String> rowIds() {
    return rows().stream().map(r -> r.getDomAttribute("data-component-id")).toList();
  }

  private WebElement node(String id) {
    return driver.findElement(nodeLocator(id));
  }

  private static By nodeLocator(String id) {
    return By.cssSelector("svg.graph a.node[data-id=\"" + css(id) + "\"]");
  }

  private List<String> debugLines() {
    return driver.findElements(By.cssSelector(".debug-lines .debug-message")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private List<String> links(String section) {
    return driver.findElements(By.cssSelector(section + " a")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** Runs body with the page's ES module at path (relative to the base) bound to m. */
  private Object module(String path, String body) {
    return ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " import(new URL(arguments[0], document.baseURI).href)"
                + ".then(m => { "
                + body
                + " }).then(done, e => done('error: ' + e));",
            path);
  }

  /** Saves the whole page, not only the window, as target/ui-screenshots/name.png. */
  private void screenshot(String name) {
    long width = (Long) driver.executeScript("return document.documentElement.scrollWidth");
    long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    try {
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          Base64.getDecoder().decode(shot.get("data").toString()));
    } catch (IOException e) {
      throw new AssertionError("cannot save screenshot " + name, e);
    }
  }

  /** The same page as the system dark mode shows it. */
  private void darkScreenshot(String name) {
    Map<String, Object> dark = Map.of("name", "prefers-color-scheme", "value", "dark");
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(dark)));
    try {
      screenshot(name);
    } finally {
      driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }
  }

  private List<Map<String, Object>> components(URI ui) {
    return JSON.toType(
        get(ui.resolve("api/v0/web/components")),
        new TypeToken<List<Map<String, Object>>>() {}.getType());
  }

  private Map<String, Object> component(String id) {
    return JSON.toType(
        get(base.resolve("api/v0/web/components/" + URLEncoder.encode(id, StandardCharsets.UTF_8))),
        new TypeToken<Map<String, Object>>() {}.getType());
  }

  private String get(URI uri) {
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("GET " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> health(Map<String, Object> component) {
    return (Map<String, Object>) component.get("health");
  }

  private static List<String> ids(List<Map<String, Object>> components) {
    return components.stream().map(c -> c.get("localID").toString()).toList();
  }

  /** The edges the graph must draw: Alloy's data-flow edges, else the reversed references. */
  private static List<String> expectedEdges(List<Map<String, Object>> components) {
    boolean dataFlow = components.stream().anyMatch(c -> !list(c, "dataFlowEdgesTo").isEmpty());
    List<String> edges = new ArrayList<>();
    for (Map<String, Object> c : components) {
      String id = c.get("localID").toString();
      if (dataFlow) {
        list(c, "dataFlowEdgesTo").forEach(to -> edges.add(id + " -> " + to));
      } else {
        list(c, "referencesTo").forEach(from -> edges.add(from + " -> " + id));
      }
    }
    return edges;
  }

  private static List<String> list(Map<String, Object> component, String key) {
    return Optional.ofNullable((List<?>) component.get(key)).orElse(List.of()).stream()
        .map(Object::toString)
        .toList();
  }

  private static boolean overlap(Rectangle a, Rectangle b) {
    return a.x < b.x + b.width
        && b.x < a.x + a.width
        && a.y < b.y + b.height
        && b.y < a.y + a.height;
  }

  private static String css(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
