package dev.jalloy.component.prometheus.exporter.unix.collectors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code os-release(5)}: {@code KEY=value} lines, values optionally in single or double
 * quotes, backslash escapes inside double quotes, {@code #} comments. Follows the envparse rules
 * node_exporter uses, which accept what shells accept for this file.
 */
final class OsRelease {
  private OsRelease() {}

  static Map<String, String> parse(List<String> lines) {
    Map<String, String> values = new HashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue; // not an assignment: skipped, as a shell would fail only on this line
      }
      values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return values;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == '\'' && v.endsWith("'")) {
      return v.substring(1, v.length() - 1); // single quotes: literal
    }
    if (v.length() >= 2 && v.charAt(0) == '"' && v.endsWith("\"")) {
      String inner = v.substring(1, v.length() - 1);
      StringBuilder out = new StringBuilder(inner.length());
      for (int i = 0; i < inner.length(); i++) {
        char c = inner.charAt(i);
        if (c == '\\' && i + 1 < inner.length()) {
          c = inner.charAt(++i);
        }
        out.append(c);
      }
      return out.toString();
    }
    int comment = v.indexOf(" #");
    return comment >= 0 ? v.substring(0, comment).strip() : v;
  }
}
