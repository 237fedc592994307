package dev.jalloy.syntax.value;

import dev.jalloy.syntax.go.GoQuote;
import java.util.Map;

/**
 * Renders values as Alloy expression text for {@code toString()}, logs and messages. Secrets are
 * always {@code (secret)}. The formatter has its own printer; this one only needs to be readable
 * and safe.
 */
final class Render {
  private Render() {}

  static String render(Value v) {
    StringBuilder sb = new StringBuilder();
    append(sb, v);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Value v) {
    switch (v) {
      case Value.Str s -> sb.append(GoQuote.quote(s.text()));
      case Value.Array a -> {
        sb.append('[');
        boolean first = true;
        for (Value e : a.elements()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          append(sb, e);
        }
        sb.append(']');
      }
      case Value.Obj o -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
          sb.append(first ? " " : ", ");
          first = false;
          String key = e.getKey();
          sb.append(isIdentifier(key) ? key : GoQuote.quote(key)).append(" = ");
          append(sb, e.getValue());
        }
        sb.append(first ? "}" : " }");
      }
      default -> sb.append(v);
    }
  }

  /** Whether s can be written as a bare Alloy identifier (letter or _, then letters/digits/_). */
  static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean ok = Character.isLetter(cp) || cp == '_' || (i > 0 && Character.isDigit(cp));
      if (!ok) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return !s.equals("true") && !s.equals("false") && !s.equals("null");
  }
}
