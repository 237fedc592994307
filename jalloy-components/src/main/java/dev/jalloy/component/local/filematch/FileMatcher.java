package dev.jalloy.component.local.filematch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Alloy's {@code local.file_match} expansion ({@code
 * internal/component/local/file_match/watch.go}), shared with {@code loki.source.file}'s {@code
 * file_match} block: each target's {@code __path__} is globbed, matches of {@code __path_exclude__}
 * are dropped, and what remains is stat'ed (links followed): directories, unreadable paths (a
 * dangling link, a link loop) and files whose modification time is older than {@code
 * ignoreOlderThan} are skipped. Each match yields a copy of the target with {@code __path__} made
 * absolute.
 */
public final class FileMatcher {
  /** The label holding the glob, then the matched path. */
  public static final String PATH_LABEL = "__path__";

  /** The label holding the exclusion glob. */
  public static final String PATH_EXCLUDE_LABEL = "__path_exclude__";

  private final Clock clock;
  private final Consumer<String> badPattern;
  private final Map<String, DoublestarGlob> compiled = new HashMap<>();

  /**
   * A matcher.
   *
   * @param clock the time {@code ignore_older_than} is measured from
   * @param badPattern told about each malformed glob, with a message for the log
   */
  public FileMatcher(Clock clock, Consumer<String> badPattern) {
    this.clock = clock;
    this.badPattern = badPattern;
  }

  /** Expands every target, in order; a path matched twice by one target appears once. */
  public List<Map<String, String>> expand(
      List<Map<String, String>> targets, Duration ignoreOlderThan) {
    List<Map<String, String>> out = new ArrayList<>();
    Instant now = clock.instant();
    for (Map<String, String> target : targets) {
      String path = target.getOrDefault(PATH_LABEL, "");
      String exclude = target.getOrDefault(PATH_EXCLUDE_LABEL, "");
      DoublestarGlob glob = glob(path);
      DoublestarGlob excluded = exclude.isEmpty() ? null : glob(exclude);
      if (glob == null) {
        continue;
      }
      for (Path match : glob.expand()) {
        if (excluded != null && excluded.matches(match.toString())) {
          continue;
        }
        Path abs = match.toAbsolutePath().normalize();
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
          continue; // vanished, permission denied, dangling link or link loop
        }
        if (attrs.isDirectory()) {
          continue;
        }
        if (!ignoreOlderThan.isZero()
            && attrs.lastModifiedTime().toInstant().isBefore(now.minus(ignoreOlderThan))) {
          continue;
        }
        Map<String, String> t = new LinkedHashMap<>(target);
        t.put(PATH_LABEL, abs.toString());
        out.add(java.util.Collections.unmodifiableMap(t));
      }
    }
    return out;
  }

  private DoublestarGlob glob(String pattern) {
    if (pattern.isEmpty()) {
      return null;
    }
    if (compiled.containsKey(pattern)) {
      return compiled.get(pattern);
    }
    DoublestarGlob g;
    try {
      g = DoublestarGlob.compile(pattern);
    } catch (IllegalArgumentException e) {
      badPattern.accept("error expanding glob " + pattern + ": " + e.getMessage());
      g = null;
    }
    if (compiled.size() > 1024) {
      compiled.clear(); // targets churn; the cache only saves recompiling the current ones
    }
    compiled.put(pattern, g);
    return g;
  }
}
