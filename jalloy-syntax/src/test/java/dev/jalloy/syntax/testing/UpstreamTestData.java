package dev.jalloy.syntax.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Locates the shared reference material beside the repository: Alloy's own test data (a conformance
 * suite nobody here wrote) and the users' configurations. The build passes the location as the
 * system property {@code jalloy.shared.dir}.
 */
public final class UpstreamTestData {
  private UpstreamTestData() {}

  public static Path sharedDir() {
    String configured = System.getProperty("jalloy.shared.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "shared reference directory not found at "
              + dir.toAbsolutePath()
              + "; it must sit beside the repository");
    }
    return dir;
  }

  /** A folder of Alloy's test data, e.g. {@code syntax/parser/testdata}. */
  public static Path alloy(String relative) {
    return sharedDir().resolve("reference/upstream-testdata/alloy").resolve(relative);
  }

  /** The users' configuration files. */
  public static List<Path> userConfigs() {
    return list(sharedDir().resolve("configs"), p -> p.toString().endsWith(".alloy"));
  }

  public static List<Path> list(Path dir, Predicate<Path> filter) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(Files::isRegularFile).filter(filter).sorted().toList();
      if (found.isEmpty()) {
        throw new IllegalStateException("no test files in " + dir);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
