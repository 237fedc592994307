package dev.jalloy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A seed deployment's configuration from {@code ../shared/configs}, as the acceptance ITs copy it.
 */
final class SeedConfig {
  private SeedConfig() {}

  static String read(String name) throws IOException {
    return Files.readString(Cli.sharedDir().resolve("configs").resolve(name));
  }

  /**
   * {@code source} with the one occurrence of {@code from} replaced: a test that rewrites a fixed
   * path or URL fails loudly, instead of silently testing something else, once the seed changes.
   */
  static String replaceOnce(String source, String from, String to) {
    int at = source.indexOf(from);
    if (at < 0 || source.indexOf(from, at + 1) >= 0) {
      throw new AssertionError("expected exactly one \"" + from + "\" in the seed config");
    }
    return source.substring(0, at) + to + source.substring(at + from.length());
  }

  /** Writes {@code text} to {@code dir/name} and returns the path. */
  static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /**
   * A label set as {@code PushStream.labels()} spells it: names sorted, {@code name="value"} joined
   * with {@code ", "} (the values used here need no escaping).
   */
  static String labels(String... namesAndValues) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return m.entrySet().stream()
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
