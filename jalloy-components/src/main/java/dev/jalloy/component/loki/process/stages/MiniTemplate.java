package dev.jalloy.component.loki.process.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The part of Go's {@code text/template} that {@code stage.replace} templates use in practice:
 * text, {@code {{ .name }}}, and the one-argument functions {@code ToUpper}, {@code ToLower},
 * {@code TrimSpace} applied as {@code {{ ToUpper .Value }}} or {@code {{ .Value | ToUpper }}}, with
 * {@code {{-}} / {@code -}}} trimming. Anything else is rejected when the configuration loads, so
 * nothing is silently rendered wrong. A missing key renders as Go does, {@code <no value>}.
 */
final class MiniTemplate {
  private static final Map<String, UnaryOperator<String>> FUNCTIONS =
      Map.of(
          "ToUpper", s -> s.toUpperCase(Locale.ROOT),
          "ToLower", s -> s.toLowerCase(Locale.ROOT),
          "TrimSpace", String::strip);

  /** A literal ({@code field} null) or a field with functions applied in order. */
  private record Part(String text, String field, List<UnaryOperator<String>> functions) {}

  private final List<Part> parts;

  private MiniTemplate(List<Part> parts) {
    this.parts = parts;
  }

  /**
   * Parses {@code source}.
   *
   * @throws IllegalArgumentException for syntax this subset does not support
   */
  static MiniTemplate parse(String source) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf("{{", i);
      if (open < 0) {
        text.append(source, i, source.length());
        break;
      }
      int close = source.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("template: unclosed action");
      }
      String before = source.substring(i, open);
      String action = source.substring(open + 2, close);
      if (action.startsWith("-") && (action.length() == 1 || action.charAt(1) == ' ')) {
        before = before.stripTrailing();
        action = action.substring(1);
      }
      i = close + 2;
      if (action.endsWith("-")
          && (action.length() == 1 || action.charAt(action.length() - 2) == ' ')) {
        action = action.substring(0, action.length() - 1);
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
          i++;
        }
      }
      text.append(before);
      if (!text.isEmpty()) {
        parts.add(new Part(text.toString(), null, List.of()));
        text.setLength(0);
      }
      parts.add(action(action.strip()));
    }
    if (!text.isEmpty()) {
      parts.add(new Part(text.toString(), null, List.of()));
    }
    return new MiniTemplate(List.copyOf(parts));
  }

  private static Part action(String action) {
    String[] pipeline = action.split("\\|");
    String field = null;
    List<UnaryOperator<String>> functions = new ArrayList<>();
    for (int k = 0; k < pipeline.length; k++) {
      String[] words = pipeline[k].strip().split("\\s+");
      int w = 0;
      List<UnaryOperator<String>> here = new ArrayList<>();
      while (w < words.length && FUNCTIONS.containsKey(words[w])) {
        here.add(FUNCTIONS.get(words[w]));
        w++;
      }
      if (k == 0) {
        if (here.size() > 1 || w != words.length - 1 || !words[w].startsWith(".")) {
          throw unsupported(action);
        }
        field = words[w].substring(1);
        if (field.isEmpty() || field.contains(".")) {
          throw unsupported(action);
        }
      } else if (w != words.length || here.size() != 1) {
        throw unsupported(action);
      }
      functions.addAll(here);
    }
    return new Part(null, field, List.copyOf(functions));
  }

  private static IllegalArgumentException unsupported(String action) {
    return new IllegalArgumentException(
        "template: {{"
            + action
            + "}} is not supported yet: use .name, ToUpper, ToLower, TrimSpace");
  }

  /** Renders with {@code data}. */
  String render(Map<String, String> data) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p.field == null) {
        sb.append(p.text);
        continue;
      }
      String v = data.get(p.field);
      if (v == null) {
        sb.append("<no value>");
        continue;
      }
      for (UnaryOperator<String> f : p.functions) {
        v = f.apply(v);
      }
      sb.append(v);
    }
    return sb.toString();
  }
}
