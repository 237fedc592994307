package dev.jalloy.component.loki.process.stages;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.jalloy.syntax.go.GoFloat;
import dev.jalloy.syntax.go.GoQuote;
import dev.jalloy.syntax.go.GoStrings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of Alloy's template-using stages ({@code stages/template.go}): Alloy's own ({@code
 * ToLower}, {@code ToUpper}, {@code Replace}, {@code Trim*}, {@code Hash}, {@code Sha2Hash}, {@code
 * regexReplaceAll}, {@code regexReplaceAllLiteral}) over the string functions of sprig's {@code
 * TxtFuncMap} that log processing uses (case, trimming, searching, regex, default/empty/coalesce/
 * ternary, arithmetic, lists, base64 and hashes). Sprig's argument order is kept: the value being
 * worked on comes last, so it can be piped in.
 */
final class TemplateFunctions {
  private TemplateFunctions() {}

  static final Map<String, GoTemplate.Function> ALL = build();

  private static Map<String, GoTemplate.Function> build() {
    Map<String, GoTemplate.Function> m = new LinkedHashMap<>();
    // sprig (strings)
    m.put("upper", a -> GoStrings.toUpper(s(a, 0)));
    m.put("lower", a -> GoStrings.toLower(s(a, 0)));
    m.put("title", a -> title(s(a, 0)));
    m.put("trim", a -> GoStrings.trimSpace(s(a, 0)));
    m.put("trimAll", a -> GoStrings.trim(s(a, 1), s(a, 0)));
    m.put("trimPrefix", a -> trimPrefix(s(a, 1), s(a, 0)));
    m.put("trimSuffix", a -> trimSuffix(s(a, 1), s(a, 0)));
    m.put("contains", a -> s(a, 1).contains(s(a, 0)));
    m.put("hasPrefix", a -> s(a, 1).startsWith(s(a, 0)));
    m.put("hasSuffix", a -> s(a, 1).endsWith(s(a, 0)));
    m.put("replace", a -> GoStrings.replaceAll(s(a, 2), s(a, 0), s(a, 1)));
    m.put("repeat", a -> s(a, 1).repeat((int) Math.max(0, toInt(a.get(0)))));
    m.put("substr", a -> substr(s(a, 2), toInt(a.get(0)), toInt(a.get(1))));
    m.put("trunc", a -> trunc(s(a, 1), toInt(a.get(0))));
    m.put("nospace", a -> s(a, 0).replaceAll("\\s", ""));
    m.put("quote", a -> String.join(" ", a.stream().map(o -> GoQuote.quote(str(o))).toList()));
    m.put("squote", a -> String.join(" ", a.stream().map(o -> "'" + str(o) + "'").toList()));
    m.put(
        "cat",
        a ->
            String.join(
                " ", a.stream().filter(o -> o != null).map(TemplateFunctions::str).toList()));
    m.put("toString", a -> str(a.get(0)));
    m.put("splitList", a -> GoStrings.split(s(a, 1), s(a, 0)));
    m.put("join", a -> join(s(a, 0), a.get(1)));
    m.put("list", a -> new ArrayList<>(a));
    m.put("first", a -> a.get(0) instanceof List<?> l && !l.isEmpty() ? l.getFirst() : null);
    m.put("last", a -> a.get(0) instanceof List<?> l && !l.isEmpty() ? l.getLast() : null);
    // sprig (defaults)
    m.put("default", a -> a.size() < 2 || empty(a.get(1)) ? a.get(0) : a.get(1));
    m.put("empty", a -> empty(a.get(0)));
    m.put("coalesce", a -> a.stream().filter(o -> !empty(o)).findFirst().orElse(null));
    m.put("ternary", a -> GoTemplate.truth(a.get(2)) ? a.get(0) : a.get(1));
    // sprig (regex)
    m.put("regexMatch", a -> Pattern.compile(s(a, 0)).matcher(s(a, 1)).find());
    m.put("regexFind", a -> regexFind(s(a, 0), s(a, 1)));
    m.put("regexFindAll", a -> regexFindAll(s(a, 0), s(a, 1), toInt(a.get(2))));
    m.put("regexQuoteMeta", a -> Pattern.quote(s(a, 0)));
    m.put("regexSplit", a -> regexSplit(s(a, 0), s(a, 1), toInt(a.get(2))));
    // sprig (conversion and math)
    m.put("int", a -> toInt(a.get(0)));
    m.put("int64", a -> toInt(a.get(0)));
    m.put("atoi", a -> toInt(a.get(0)));
    m.put("float64", a -> toFloat(a.get(0)));
    m.put("add", a -> a.stream().mapToLong(TemplateFunctions::toInt).sum());
    m.put("add1", a -> toInt(a.get(0)) + 1);
    m.put("sub", a -> toInt(a.get(0)) - toInt(a.get(1)));
    m.put("mul", a -> a.stream().mapToLong(TemplateFunctions::toInt).reduce(1, (x, y) -> x * y));
    m.put("div", a -> toInt(a.get(0)) / toInt(a.get(1)));
    m.put("mod", a -> toInt(a.get(0)) % toInt(a.get(1)));
    m.put("max", a -> a.stream().mapToLong(TemplateFunctions::toInt).max().orElse(0));
    m.put("min", a -> a.stream().mapToLong(TemplateFunctions::toInt).min().orElse(0));
    m.put("floor", a -> Math.floor(toFloat(a.get(0))));
    m.put("ceil", a -> Math.ceil(toFloat(a.get(0))));
    // sprig (encoding)
    m.put("b64enc", a -> Base64.getEncoder().encodeToString(bytes(s(a, 0))));
    m.put(
        "b64dec",
        a -> {
          try {
            return new String(Base64.getDecoder().decode(s(a, 0)), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            return e.getMessage();
          }
        });
    m.put("sha1sum", a -> digest("SHA-1", s(a, 0)));
    m.put("sha256sum", a -> digest("SHA-256", s(a, 0)));
    // Alloy's own, which override sprig's of the same name
    m.put("ToLower", a -> GoStrings.toLower(s(a, 0)));
    m.put("ToUpper", a -> GoStrings.toUpper(s(a, 0)));
    m.put("Replace", a -> replace(s(a, 0), s(a, 1), s(a, 2), toInt(a.get(3))));
    m.put("Trim", a -> GoStrings.trim(s(a, 0), s(a, 1)));
    m.put("TrimLeft", a -> trimLeft(s(a, 0), s(a, 1)));
    m.put("TrimRight", a -> trimRight(s(a, 0), s(a, 1)));
    m.put("TrimPrefix", a -> trimPrefix(s(a, 0), s(a, 1)));
    m.put("TrimSuffix", a -> trimSuffix(s(a, 0), s(a, 1)));
    m.put("TrimSpace", a -> GoStrings.trimSpace(s(a, 0)));
    m.put("Hash", a -> digest("SHA3-256", s(a, 0) + s(a, 1)));
    m.put("Sha2Hash", a -> digest("SHA-256", s(a, 0) + s(a, 1)));
    m.put("regexReplaceAll", a -> replaceAll(s(a, 0), s(a, 1), s(a, 2), true));
    m.put("regexReplaceAllLiteral", a -> replaceAll(s(a, 0), s(a, 1), s(a, 2), false));
    return Map.copyOf(m);
  }

  private static String s(List<Object> args, int i) {
    if (i >= args.size()) {
      throw new GoTemplate.ExecException("wrong number of args: want at least " + (i + 1));
    }
    return str(args.get(i));
  }

  static String str(Object o) {
    return o == null ? "" : GoTemplate.print(o);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** cast.ToInt64: numbers truncated, numeric strings parsed, anything else 0. */
  static long toInt(Object o) {
    return switch (o) {
      case Number n -> n.longValue();
      case Boolean b -> b ? 1 : 0;
      case String s -> {
        try {
          yield Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
          try {
            yield (long) Double.parseDouble(s.trim());
          } catch (NumberFormatException e2) {
            yield 0;
          }
        }
      }
      case null, default -> 0;
    };
  }

  static double toFloat(Object o) {
    return switch (o) {
      case Number n -> n.doubleValue();
      case Boolean b -> b ? 1 : 0;
      case String s -> {
        try {
          yield Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
          yield 0;
        }
      }
      case null, default -> 0;
    };
  }

  private static boolean empty(Object o) {
    return !GoTemplate.truth(o);
  }

  private static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(start ? Character.toTitleCase(c) : c);
      start = Character.isWhitespace(c);
    }
    return sb.toString();
  }

  private static String trimPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  private static String trimSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static String trimLeft(String s, String cutset) {
    int i = 0;
    while (i < s.length() && cutset.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return s.substring(i);
  }

  private static String trimRight(String s, String cutset) {
    int j = s.length();
    while (j > 0 && cutset.indexOf(s.charAt(j - 1)) >= 0) {
      j--;
    }
    return s.substring(0, j);
  }

  private static String substr(String s, long start, long end) {
    if (start < 0) {
      return s.substring(0, (int) Math.min(Math.max(end, 0), s.length()));
    }
    if (end < 0 || end > s.length()) {
      return s.substring((int) Math.min(start, s.length()));
    }
    return start > end ? "" : s.substring((int) start, (int) end);
  }

  private static String trunc(String s, long n) {
    if (n < 0 && s.length() + n > 0) {
      return s.substring((int) (s.length() + n));
    }
    if (n >= 0 && s.length() > n) {
      return s.substring(0, (int) n);
    }
    return s;
  }

  private static String join(String sep, Object list) {
    if (list instanceof List<?> l) {
      return String.join(sep, l.stream().map(TemplateFunctions::str).toList());
    }
    return str(list);
  }

  /** Go's {@code strings.Replace}: at most n replacements, all when n &lt; 0. */
  private static String replace(String s, String old, String repl, long n) {
    if (n < 0) {
      return GoStrings.replaceAll(s, old, repl);
    }
    StringBuilder sb = new StringBuilder();
    int from = 0;
    for (long i = 0; i < n; i++) {
      int at = old.isEmpty() ? (i == 0 ? 0 : from + 1) : s.indexOf(old, from);
      if (at < 0 || at > s.length()) {
        break;
      }
      if (old.isEmpty()) {
        sb.append(s, from, at).append(repl);
        from = at;
        continue;
      }
      sb.append(s, from, at).append(repl);
      from = at + old.length();
    }
    return sb.append(s.substring(Math.min(from, s.length()))).toString();
  }

  private static String regexFind(String re, String s) {
    Matcher m = Pattern.compile(re).matcher(s);
    return m.find() ? m.group() : "";
  }

  private static List<String> regexFindAll(String re, String s, long n) {
    Matcher m = Pattern.compile(re).matcher(s);
    List<String> out = new ArrayList<>();
    while ((n < 0 || out.size() < n) && m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static List<String> regexSplit(String re, String s, long n) {
    if (n == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(re).matcher(s);
    int from = 0;
    while ((n < 0 || out.size() < n - 1) && m.find()) {
      out.add(s.substring(from, m.start()));
      from = m.end();
    }
    out.add(s.substring(from));
    return out;
  }

  /**
   * Go's {@code ReplaceAllString} (with {@code $1} / {@code ${name}} expansion, a name being the
   * longest run of letters, digits and underscores) or {@code ReplaceAllLiteralString}.
   */
  static String replaceAll(String re, String s, String repl, boolean expand) {
    Pattern p = Pattern.compile(re);
    Matcher m = p.matcher(s);
    StringBuilder sb = new StringBuilder();
    int from = 0;
    int lastMatchEnd = -1;
    while (m.find()) {
      if (m.end() == m.start() && m.start() == lastMatchEnd) {
        continue;
      }
      sb.append(s, from, m.start());
      sb.append(expand ? expand(repl, m, p) : repl);
      from = m.end();
      lastMatchEnd = m.end();
    }
    return sb.append(s.substring(from)).toString();
  }

  private static String expand(String template, Matcher m, Pattern p) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        sb.append(c);
        i++;
        continue;
      }
      if (template.charAt(i + 1) == '$') {
        sb.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (template.charAt(i + 1) == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          sb.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 2, close);
        end = close + 1;
      } else {
        int j = i + 1;
        while (j < template.length()
            && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
          j++;
        }
        name = template.substring(i + 1, j);
        end = j;
      }
      if (name.isEmpty()) {
        sb.append(c);
        i++;
        continue;
      }
      String value = "";
      if (name.chars().allMatch(Character::isDigit)) {
        int g = Integer.parseInt(name);
        if (g <= m.groupCount() && m.group(g) != null) {
          value = m.group(g);
        }
      } else if (p.namedGroups().containsKey(name) && m.group(name) != null) {
        value = m.group(name);
      }
      sb.append(value);
      i = end;
    }
    return sb.toString();
  }

  private static String digest(String algorithm, String input) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(input)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm, e);
    }
  }

  /** {@code fmt.Sprintf} for the verbs templates use: %s %v %d %f %e %g %q %x %t %%. */
  static String sprintf(List<Object> args) {
    if (args.isEmpty()) {
      return "";
    }
    String format = str(args.getFirst());
    StringBuilder sb = new StringBuilder();
    int arg = 1;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      int specStart = i;
      while (i < format.length() && "+-# 0123456789.".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      if (i >= format.length()) {
        sb.append("%!(NOVERB)");
        break;
      }
      String spec = format.substring(specStart, i);
      char verb = format.charAt(i++);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      if (arg >= args.size()) {
        sb.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object v = args.get(arg++);
      int dot = spec.indexOf('.');
      int prec = dot >= 0 ? parseIntOr(spec.substring(dot + 1), 0) : -1;
      String flags = dot >= 0 ? spec.substring(0, dot) : spec;
      boolean left = flags.contains("-");
      boolean zero = flags.startsWith("0") || flags.contains("0") && !left;
      int width = parseIntOr(flags.replaceAll("[^0-9]", "").replaceFirst("^0+", ""), 0);
      String text =
          switch (verb) {
            case 'd' -> v instanceof Number n ? Long.toString(n.longValue()) : bad(verb, v);
            case 'f', 'F' -> GoFloat.format(toFloat(v), 'f', prec < 0 ? 6 : prec);
            case 'e' -> GoFloat.format(toFloat(v), 'e', prec < 0 ? 6 : prec);
            case 'g' -> GoFloat.format(toFloat(v), 'g', prec);
            case 'q' -> GoQuote.quote(str(v));
            case 'x' ->
                v instanceof Number n
                    ? Long.toHexString(n.longValue())
                    : HexFormat.of().formatHex(bytes(str(v)));
            case 't' -> v instanceof Boolean ? v.toString() : bad(verb, v);
            default -> {
              String t = v == null ? "<nil>" : GoTemplate.print(v);
              yield prec >= 0 && verb == 's' && t.length() > prec ? t.substring(0, prec) : t;
            }
          };
      if (text.length() < width) {
        String pad = (zero && !left ? "0" : " ").repeat(width - text.length());
        text = left ? text + pad : pad + text;
      }
      sb.append(text);
    }
    return sb.toString();
  }

  private static String bad(char verb, Object v) {
    return "%!" + verb + "(" + (v == null ? "<nil>" : GoTemplate.print(v)) + ")";
  }

  private static int parseIntOr(String s, int or) {
    try {
      return s.isEmpty() ? or : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return or;
    }
  }
}
