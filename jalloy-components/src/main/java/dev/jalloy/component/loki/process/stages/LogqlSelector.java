package dev.jalloy.component.loki.process.stages;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A LogQL log selector as {@code stage.match} reads it: a stream selector {@code {name="v",
 * name!="v", name=~"re", name!~"re"}} followed by any number of line filters {@code |= "s"}, {@code
 * != "s"}, {@code |~ "re"}, {@code !~ "re"}. Label regexes are anchored (Prometheus matchers), line
 * filter regexes are not. Label filters and parsers ({@code | json}, {@code | x == y}) are not
 * supported, as in Alloy. Errors follow Loki's {@code parse error at line L, col C: ...} form.
 */
public final class LogqlSelector {
  /** How a label matcher compares. */
  public enum MatchType {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    private final String op;

    MatchType(String op) {
      this.op = op;
    }

    @Override
    public String toString() {
      return op;
    }
  }

  /** How a line filter tests the line. */
  public enum FilterType {
    CONTAINS("|="),
    NOT_CONTAINS("!="),
    REGEX("|~"),
    NOT_REGEX("!~");

    private final String op;

    FilterType(String op) {
      this.op = op;
    }

    @Override
    public String toString() {
      return op;
    }
  }

  /**
   * One label matcher; a missing label reads as the empty string.
   *
   * @param name the label name
   * @param type the comparison
   * @param value the string or regex
   * @param pattern the anchored regex for {@code =~} / {@code !~}, else null
   */
  public record Matcher(String name, MatchType type, String value, Pattern pattern) {
    /** Whether the label value satisfies the matcher. */
    public boolean matches(String labelValue) {
      return switch (type) {
        case EQ -> labelValue.equals(value);
        case NEQ -> !labelValue.equals(value);
        case RE -> pattern.matcher(labelValue).matches();
        case NRE -> !pattern.matcher(labelValue).matches();
      };
    }
  }

  /**
   * One line filter.
   *
   * @param type the test
   * @param value the substring or regex
   * @param pattern the unanchored regex for {@code |~} / {@code !~}, else null
   */
  public record LineFilter(FilterType type, String value, Pattern pattern) {
    /** Whether the line passes the filter. */
    public boolean matches(String line) {
      return switch (type) {
        case CONTAINS -> line.contains(value);
        case NOT_CONTAINS -> !line.contains(value);
        case REGEX -> pattern.matcher(line).find();
        case NOT_REGEX -> !pattern.matcher(line).find();
      };
    }
  }

  private final List<Matcher> matchers;
  private final List<LineFilter> filters;

  private LogqlSelector(List<Matcher> matchers, List<LineFilter> filters) {
    this.matchers = List.copyOf(matchers);
    this.filters = List.copyOf(filters);
  }

  /** The label matchers, in order. */
  public List<Matcher> matchers() {
    return matchers;
  }

  /** The line filters, in order. */
  public List<LineFilter> filters() {
    return filters;
  }

  /** Whether an entry with these labels and this line is selected. */
  public boolean matches(Map<String, String> labels, String line) {
    for (Matcher m : matchers) {
      if (!m.matches(labels.getOrDefault(m.name(), ""))) {
        return false;
      }
    }
    for (LineFilter f : filters) {
      if (!f.matches(line)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException with Loki's parse error text
   */
  public static LogqlSelector parse(String text) {
    return new Parser(text).parse();
  }

  private enum Kind {
    OPEN_BRACE,
    CLOSE_BRACE,
    COMMA,
    EQ,
    NEQ,
    RE,
    NRE,
    PIPE_EXACT,
    PIPE_MATCH,
    PIPE,
    IDENTIFIER,
    STRING,
    END
  }

  private record Token(Kind kind, String text, int line, int col) {
    String describe() {
      return kind == Kind.END ? "$end" : kind.name();
    }
  }

  private static final class Parser {
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    Parser(String src) {
      this.src = src;
    }

    LogqlSelector parse() {
      lex();
      List<Matcher> matchers = new ArrayList<>();
      List<LineFilter> filters = new ArrayList<>();
      expect(Kind.OPEN_BRACE, "OPEN_BRACE");
      if (peek().kind() == Kind.CLOSE_BRACE) {
        next();
      } else {
        while (true) {
          Token name = expect(Kind.IDENTIFIER, "IDENTIFIER");
          Token op = next();
          MatchType type =
              switch (op.kind()) {
                case EQ -> MatchType.EQ;
                case NEQ -> MatchType.NEQ;
                case RE -> MatchType.RE;
                case NRE -> MatchType.NRE;
                default -> throw unexpected(op, "EQ or NEQ or RE or NRE");
              };
          Token value = expect(Kind.STRING, "STRING");
          Pattern pattern = null;
          if (type == MatchType.RE || type == MatchType.NRE) {
            pattern = compile("^(?s:" + value.text() + ")$", value);
          }
          matchers.add(new Matcher(name.text(), type, value.text(), pattern));
          Token sep = next();
          if (sep.kind() == Kind.CLOSE_BRACE) {
            break;
          }
          if (sep.kind() != Kind.COMMA) {
            throw unexpected(sep, "CLOSE_BRACE or COMMA");
          }
        }
      }
      while (peek().kind() != Kind.END) {
        Token op = next();
        FilterType type =
            switch (op.kind()) {
              case PIPE_EXACT -> FilterType.CONTAINS;
              case NEQ -> FilterType.NOT_CONTAINS;
              case PIPE_MATCH -> FilterType.REGEX;
              case NRE -> FilterType.NOT_REGEX;
              case PIPE ->
                  throw error(op, "only line filters are supported, not label filters or parsers");
              default -> throw unexpected(op, "PIPE_EXACT or PIPE_MATCH or NEQ or NRE");
            };
        Token value = expect(Kind.STRING, "STRING");
        Pattern pattern = null;
        if (type == FilterType.REGEX || type == FilterType.NOT_REGEX) {
          pattern = compile(value.text(), value);
        }
        filters.add(new LineFilter(type, value.text(), pattern));
      }
      if (!matchers.stream().anyMatch(m -> !m.matches(""))) {
        throw new IllegalArgumentException(
            "parse error : queries require at least one regexp or equality matcher that does not"
                + " have an empty-compatible value. For instance, app=~\".*\" does not meet this"
                + " requirement, but app=~\".+\" will");
      }
      return new LogqlSelector(matchers, filters);
    }

    private Pattern compile(String regex, Token at) {
      try {
        return Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw error(at, e.getMessage());
      }
    }

    private Token peek() {
      return tokens.get(pos);
    }

    private Token next() {
      Token t = tokens.get(pos);
      if (t.kind() != Kind.END) {
        pos++;
      }
      return t;
    }

    private Token expect(Kind kind, String expecting) {
      Token t = next();
      if (t.kind() != kind) {
        throw unexpected(t, expecting);
      }
      return t;
    }

    private IllegalArgumentException unexpected(Token t, String expecting) {
      return error(t, "syntax error: unexpected " + t.describe() + ", expecting " + expecting);
    }

    private static IllegalArgumentException error(Token t, String message) {
      return new IllegalArgumentException(
          "parse error at line " + t.line() + ", col " + t.col() + ": " + message);
    }

    private void lex() {
      int i = 0;
      int line = 1;
      int lineStart = 0;
      int n = src.length();
      while (true) {
        while (i < n && Character.isWhitespace(src.charAt(i))) {
          if (src.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
        int col = i - lineStart + 1;
        if (i >= n) {
          tokens.add(new Token(Kind.END, "", line, col));
          return;
        }
        char c = src.charAt(i);
        char d = i + 1 < n ? src.charAt(i + 1) : 0;
        Kind k = null;
        int len = 1;
        switch (c) {
          case '{' -> k = Kind.OPEN_BRACE;
          case '}' -> k = Kind.CLOSE_BRACE;
          case ',' -> k = Kind.COMMA;
          case '=' -> {
            k = d == '~' ? Kind.RE : Kind.EQ;
            len = d == '~' ? 2 : 1;
          }
          case '!' -> {
            if (d == '=') {
              k = Kind.NEQ;
              len = 2;
            } else if (d == '~') {
              k = Kind.NRE;
              len = 2;
            }
          }
          case '|' -> {
            if (d == '=') {
              k = Kind.PIPE_EXACT;
              len = 2;
            } else if (d == '~') {
              k = Kind.PIPE_MATCH;
              len = 2;
            } else {
              k = Kind.PIPE;
            }
          }
          default -> {}
        }
        if (k != null) {
          tokens.add(new Token(k, src.substring(i, i + len), line, col));
          i += len;
          continue;
        }
        if (c == '"' || c == '`') {
          int end = i + 1;
          StringBuilder sb = new StringBuilder();
          boolean closed = false;
          while (end < n) {
            char e = src.charAt(end);
            if (e == c) {
              closed = true;
              end++;
              break;
            }
            if (c == '"' && e == '\\' && end + 1 < n) {
              end = unescape(src, end, sb, line, col);
              continue;
            }
            if (c == '"' && e == '\n') {
              break;
            }
            sb.append(e);
            end++;
          }
          if (!closed) {
            throw error(new Token(Kind.STRING, "", line, col), "literal not terminated");
          }
          tokens.add(new Token(Kind.STRING, sb.toString(), line, col));
          i = end;
          continue;
        }
        if (c == '_' || Character.isLetter(c)) {
          int end = i + 1;
          while (end < n
              && (src.charAt(end) == '_'
                  || src.charAt(end) == ':'
                  || Character.isLetterOrDigit(src.charAt(end)))) {
            end++;
          }
          tokens.add(new Token(Kind.IDENTIFIER, src.substring(i, end), line, col));
          i = end;
          continue;
        }
        throw error(
            new Token(Kind.END, "", line, col), "syntax error: unexpected character: '" + c + "'");
      }
    }

    /** Go's escapes in a double-quoted string; returns the index after the escape. */
    private static int unescape(String s, int at, StringBuilder out, int line, int col) {
      char e = s.charAt(at + 1);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append('\007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\013');
        case '\\' -> out.append('\\');
        case '"' -> out.append('"');
        case '\'' -> out.append('\'');
        case 'x', 'u', 'U' -> {
          int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (at + 2 + digits > s.length()) {
            throw error(new Token(Kind.STRING, "", line, col), "invalid syntax");
          }
          try {
            out.appendCodePoint(Integer.parseInt(s.substring(at + 2, at + 2 + digits), 16));
          } catch (IllegalArgumentException ex) {
            throw error(new Token(Kind.STRING, "", line, col), "invalid syntax");
          }
          return at + 2 + digits;
        }
        default -> throw error(new Token(Kind.STRING, "", line, col), "invalid syntax");
      }
      return at + 2;
    }
  }
}
