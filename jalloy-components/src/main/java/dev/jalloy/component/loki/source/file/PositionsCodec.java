package dev.jalloy.component.loki.source.file;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads and writes the positions file in Alloy's YAML shape ({@code
 * internal/component/loki/source/internal/positions/positions.go}): a {@code positions} map whose
 * keys are {@code {path, labels}} mappings (YAML complex keys) and whose values are strings. Also
 * reads the flat Promtail form, {@code path: value}.
 */
public final class PositionsCodec {
  /**
   * One entry's key.
   *
   * @param path the absolute file path (or a {@code cursor-*} key of another source)
   * @param labels the target's non-internal labels as {@code {a="b"}}
   */
  public record Key(String path, String labels) {}

  /** The file cannot be read as positions. */
  public static final class CorruptException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private PositionsCodec() {}

  /** Parses Alloy's format; an empty document is an empty map. */
  static Map<Key, String> parse(String yaml) throws CorruptException {
    Map<Key, String> out = new LinkedHashMap<>();
    Map<?, ?> positions = positions(yaml);
    for (Map.Entry<?, ?> e : positions.entrySet()) {
      if (!(e.getKey() instanceof Map<?, ?> key) || !(key.get("path") instanceof String path)) {
        throw new CorruptException("invalid yaml positions file: bad key " + e.getKey(), null);
      }
      Object labels = key.get("labels");
      out.put(new Key(path, labels == null ? "" : labels.toString()), scalar(e.getValue()));
    }
    return out;
  }

  /** Parses Promtail's flat format; entries get the labels {@code {}}, as Alloy converts them. */
  public static Map<Key, String> parseLegacy(String yaml) throws CorruptException {
    Map<Key, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : positions(yaml).entrySet()) {
      if (!(e.getKey() instanceof String path)) {
        throw new CorruptException("invalid legacy positions file: bad key " + e.getKey(), null);
      }
      out.put(new Key(path, "{}"), scalar(e.getValue()));
    }
    return out;
  }

  private static Map<?, ?> positions(String yaml) throws CorruptException {
    Object doc;
    try {
      doc =
          new Load(LoadSettings.builder().setAllowDuplicateKeys(true).build()).loadFromString(yaml);
    } catch (RuntimeException e) {
      throw new CorruptException("invalid yaml positions file: " + firstLine(e), e);
    }
    if (doc == null) {
      return Map.of();
    }
    if (!(doc instanceof Map<?, ?> top)) {
      throw new CorruptException("invalid yaml positions file: not a mapping", null);
    }
    Object p = top.get("positions");
    if (p == null) {
      return Map.of();
    }
    if (!(p instanceof Map<?, ?> positions)) {
      throw new CorruptException("invalid yaml positions file: positions is not a mapping", null);
    }
    return positions;
  }

  private static String scalar(Object v) {
    return v == null ? "" : v.toString();
  }

  private static String firstLine(RuntimeException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Writes Alloy's format, entries sorted by path then labels so the file diffs well. */
  static String format(Map<Key, String> entries) {
    StringBuilder sb = new StringBuilder("positions:");
    if (entries.isEmpty()) {
      return sb.append(" {}\n").toString();
    }
    sb.append('\n');
    Map<Key, String> sorted =
        new TreeMap<>(java.util.Comparator.comparing(Key::path).thenComparing(Key::labels));
    sorted.putAll(entries);
    for (Map.Entry<Key, String> e : sorted.entrySet()) {
      sb.append("  ? path: ").append(quote(e.getKey().path())).append('\n');
      sb.append("    labels: ").append(quote(e.getKey().labels())).append('\n');
      sb.append("  : ").append(quote(e.getValue())).append('\n');
    }
    return sb.toString();
  }

  /** A YAML double-quoted scalar; control characters escaped, so any path round-trips. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validPair(s, i)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
