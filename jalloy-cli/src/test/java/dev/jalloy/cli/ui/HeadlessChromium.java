package dev.jalloy.cli.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven through {@code chromium-driver}, headless, with a fresh profile.
 * Without them the tests are skipped with a loud message, except under {@code CI=true} where they
 * fail: CI must test the UI.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** A driver with a 1440×900 window; the caller quits it. */
  static ChromeDriver start(Path userDataDir) throws IOException {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      String message =
          "The web UI browser tests need "
              + BINARY
              + " and "
              + DRIVER
              + ": install the Debian packages chromium and chromium-driver"
              + " (apt-get install chromium chromium-driver, or run ./test.sh).";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      System.err.println();
      System.err.println("!!!!!!!! SKIPPING THE WEB UI TESTS !!!!!!!!");
      System.err.println("!!!!!!!! " + message);
      System.err.println();
      Assumptions.abort(message);
    }
    // Chromium is newer than the CDP versions this Selenium knows; classic WebDriver is all the
    // tests use, so the warning about it is noise.
    Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
    Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);

    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + Files.createDirectories(userDataDir),
        "--window-size=1440,900",
        "--force-device-scale-factor=1",
        "--lang=en-US");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1440, 900));
    return driver;
  }
}
