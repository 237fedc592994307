package dev.jalloy.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.cli.JalloyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI of a real running jalloy in a real headless Chromium: the component list, the graph of
 * the running configuration, a component page, and live data arriving on the live debugging page
 * while the test changes what the component reads.
 */
class UiIT {
  @TempDir Path tmp;

  @Test
  void browsesARunningPipelineAndSeesLiveDataArrive() throws Exception {
    Path data = tmp.resolve("data.txt");
    Files.writeString(data, "first version\n");
    Path pointer = tmp.resolve("pointer.txt");
    Files.writeString(pointer, data + "\n");
    Path config = tmp.resolve("config.alloy");
    Files.writeString(
        config,
        """
        livedebugging {
          enabled = true
        }

        // Which file to read comes from another file: an edge in the graph.
        local.file "pointer" {
          filename = "%s"
        }

        local.file "data" {
          filename       = string.trim_space(local.file.pointer.content)
          detector       = "poll"
          poll_frequency = "200ms"
        }
        """
            .formatted(pointer));

    ChromeDriver driver = HeadlessChromium.start(tmp.resolve("chromium"));
    try (JalloyProcess jalloy = JalloyProcess.start(tmp, "run", config.toString())) {
      jalloy.awaitReady();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      var base = jalloy.base();

      // The list: both components, healthy.
      driver.get(base.toString());
      wait.until(
          d ->
              d.findElements(By.cssSelector("table.components tbody tr[data-component-id]")).size()
                  == 2);
      String list = driver.findElement(By.cssSelector("table.components")).getText();
      assertThat(list).contains("local.file.pointer", "local.file.data", "healthy");
      screenshot(driver, "real-list");

      // The graph of the running configuration: two nodes, the edge pointer -> data.
      driver.get(base.resolve("graph").toString());
      wait.until(d -> d.findElements(By.cssSelector("svg.graph a.node")).size() == 2);
      List<String> edges =
          driver.findElements(By.cssSelector("svg.graph path.edge")).stream()
              .map(e -> e.getDomAttribute("data-from") + " -> " + e.getDomAttribute("data-to"))
              .toList();
      assertThat(edges).containsExactly("local.file.pointer -> local.file.data");
      screenshot(driver, "real-graph");

      // A component page, opened from the graph.
      wait.until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("svg.graph a.node[data-id=\"local.file.data\"]")))
          .click();
      WebElement arguments =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#arguments pre")));
      assertThat(arguments.getText())
          .contains("local.file \"data\" {", "filename", data.toString());
      assertThat(driver.findElement(By.cssSelector("#health .badge")).getText())
          .isEqualTo("healthy");
      screenshot(driver, "real-component");

      // Live debugging: change the file, see the new content arrive.
      wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Live debugging"))).click();
      wait.until(ExpectedConditions.urlContains("debug/local.file.data"));
      // Wait until the stream is open before changing the file, so the read is watched.
      wait.until(d -> !d.findElements(By.className("stream-state")).isEmpty());
      JalloyProcess.await(
          () -> {
            try {
              return jalloy.get("api/v0/web/components/local.file.data").statusCode() == 200;
            } catch (java.io.IOException e) {
              return false;
            }
          },
          "component API");
      Files.writeString(data, "second version, seen live\n");
      wait.until(
          d ->
              d.findElements(By.cssSelector(".debug-lines .debug-message")).stream()
                  .anyMatch(m -> m.getText().contains("second version, seen live")));
      screenshot(driver, "real-debug");
    } finally {
      driver.quit();
    }
  }

  private static void screenshot(ChromeDriver driver, String name) throws java.io.IOException {
    Path dir = Path.of("target", "ui-screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }
}
