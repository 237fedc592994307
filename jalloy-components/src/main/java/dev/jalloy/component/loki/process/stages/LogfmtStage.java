package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stage.logfmt}, after Alloy's {@code stages/logfmt.go} and the {@code go-logfmt} decoder it
 * uses: records are lines, pairs are {@code key=value}, {@code key="quoted value"} or a bare {@code
 * key} (empty value). Values found before a syntax error are kept; the rest of the input is
 * ignored.
 */
final class LogfmtStage implements Stage {
  private final Optional<String> source;
  private final Map<String, String> inverse = new HashMap<>(); // logfmt key -> extracted name
  private final GoMatcher regex; // null when unset; the stage's own

  LogfmtStage(LogfmtConfig config) {
    this.source = config.source().isEmpty() ? Optional.empty() : Optional.of(config.source());
    config
        .mapping()
        .forEach((name, key) -> inverse.put(key == null || key.isEmpty() ? name : key, name));
    this.regex = config.regex().isEmpty() ? null : GoRegex.compile(config.regex()).matcher();
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    StageSupport.input(entry, source)
        .ifPresent(
            in ->
                decode(
                    in,
                    (k, v) -> {
                      String name = inverse.get(k);
                      if (name != null) {
                        entry.extracted.put(name, v);
                      }
                      if (regex != null && regex.find(k)) {
                        entry.extracted.put(k, v);
                      }
                    }));
    next.emit(entry);
  }

  /** Receives decoded pairs. */
  interface PairSink {
    void pair(String key, String value);
  }

  /** Decodes {@code in}; returns false at the first syntax error, after the pairs before it. */
  static boolean decode(String in, PairSink sink) {
    int i = 0;
    int n = in.length();
    while (i < n) {
      char c = in.charAt(i);
      if (c <= ' ') {
        i++;
        continue;
      }
      if (c == '=' || c == '"') {
        return false; // unexpected '=' or '"' where a key starts
      }
      int start = i;
      while (i < n && in.charAt(i) > ' ' && in.charAt(i) != '=' && in.charAt(i) != '"') {
        i++;
      }
      String key = in.substring(start, i);
      if (i < n && in.charAt(i) == '"') {
        return false;
      }
      if (i >= n || in.charAt(i) != '=') {
        sink.pair(key, "");
        continue;
      }
      i++; // '='
      if (i < n && in.charAt(i) == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char v = in.charAt(i);
          if (v == '"') {
            closed = true;
            i++;
            break;
          }
          if (v == '\n') {
            return false;
          }
          if (v == '\\') {
            if (i + 1 >= n) {
              return false;
            }
            char esc = in.charAt(i + 1);
            switch (esc) {
              case '"', '\\', '/' -> value.append(esc);
              case 'n' -> value.append('\n');
              case 't' -> value.append('\t');
              case 'r' -> value.append('\r');
              case 'b' -> value.append('\b');
              case 'f' -> value.append('\f');
              case 'u' -> {
                if (i + 6 > n) {
                  return false;
                }
                try {
                  value.append((char) Integer.parseInt(in.substring(i + 2, i + 6), 16));
                } catch (NumberFormatException e) {
                  return false;
                }
                i += 4;
              }
              default -> {
                return false;
              }
            }
            i += 2;
            continue;
          }
          value.append(v);
          i++;
        }
        if (!closed) {
          return false;
        }
        if (i < n && in.charAt(i) > ' ') {
          return false; // something glued to the closing quote
        }
        sink.pair(key, value.toString());
        continue;
      }
      int vs = i;
      while (i < n && in.charAt(i) > ' ') {
        char v = in.charAt(i);
        if (v == '=' || v == '"') {
          return false;
        }
        i++;
      }
      sink.pair(key, in.substring(vs, i));
    }
    return true;
  }
}
