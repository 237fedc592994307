package dev.jalloy.component.common.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link TlsFixture} for every test, in a directory of its own, closed and deleted after
 * it: {@code @RegisterExtension final TlsFixtureExtension tls = new TlsFixtureExtension();}.
 */
public final class TlsFixtureExtension implements BeforeEachCallback, AfterEachCallback {
  private Path dir;
  private TlsFixture pki;

  /** This test's fixture. */
  public TlsFixture pki() {
    if (pki == null) {
      throw new IllegalStateException("the fixture exists only while a test runs");
    }
    return pki;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("jalloy-tls");
    pki = TlsFixture.create(dir);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      pki.close();
    } finally {
      pki = null;
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
