package dev.jalloy.component.loki.process.stages;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Go {@code text/template} source into tokens: text between actions, and inside {@code {{
 * }}} fields, variables, identifiers, literals, pipes and parentheses. Trim markers ({@code {{- }}
 * and {@code -}}}) remove the whitespace next to the action; comments {@code {{/* ... *}{@code /}}}
 * produce nothing.
 */
final class GoTemplateLexer {
  enum Kind {
    TEXT,
    LEFT,
    RIGHT,
    FIELD,
    DOT,
    VARIABLE,
    IDENT,
    STRING,
    NUMBER,
    PIPE,
    LPAREN,
    RPAREN,
    DECLARE,
    ASSIGN,
    EOF
  }

  record Token(Kind kind, String text, int pos) {}

  private GoTemplateLexer() {}

  static List<Token> lex(String src) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = src.length();
    while (i < n) {
      int open = src.indexOf("{{", i);
      if (open < 0) {
        out.add(new Token(Kind.TEXT, src.substring(i), i));
        break;
      }
      int textEnd = open;
      boolean trimLeft =
          open + 3 < n && src.charAt(open + 2) == '-' && isSpace(src.charAt(open + 3));
      String text = src.substring(i, textEnd);
      if (trimLeft) {
        text = text.stripTrailing();
      }
      if (!text.isEmpty()) {
        out.add(new Token(Kind.TEXT, text, i));
      }
      int p = open + (trimLeft ? 3 : 2);
      // comment
      int q = p;
      while (q < n && isSpace(src.charAt(q))) {
        q++;
      }
      if (src.startsWith("/*", q)) {
        int endComment = src.indexOf("*/", q + 2);
        if (endComment < 0) {
          throw error("unclosed comment", q);
        }
        int r = endComment + 2;
        while (r < n && isSpace(src.charAt(r))) {
          r++;
        }
        boolean trimRight = src.startsWith("-}}", r);
        if (!trimRight && !src.startsWith("}}", r)) {
          throw error("comment ends before closing delimiter", r);
        }
        i = r + (trimRight ? 3 : 2);
        if (trimRight) {
          while (i < n && isSpace(src.charAt(i))) {
            i++;
          }
        }
        continue;
      }
      out.add(new Token(Kind.LEFT, "{{", open));
      while (true) {
        while (p < n && isSpace(src.charAt(p))) {
          p++;
        }
        if (p >= n) {
          throw error("unclosed action", open);
        }
        if (src.startsWith("-}}", p) && p > 0 && isSpace(src.charAt(p - 1))) {
          out.add(new Token(Kind.RIGHT, "}}", p));
          p += 3;
          while (p < n && isSpace(src.charAt(p))) {
            p++;
          }
          break;
        }
        if (src.startsWith("}}", p)) {
          out.add(new Token(Kind.RIGHT, "}}", p));
          p += 2;
          break;
        }
        char c = src.charAt(p);
        int start = p;
        if (c == '|') {
          out.add(new Token(Kind.PIPE, "|", p++));
        } else if (c == '(') {
          out.add(new Token(Kind.LPAREN, "(", p++));
        } else if (c == ')') {
          out.add(new Token(Kind.RPAREN, ")", p++));
        } else if (c == ':' && p + 1 < n && src.charAt(p + 1) == '=') {
          out.add(new Token(Kind.DECLARE, ":=", p));
          p += 2;
        } else if (c == '=') {
          out.add(new Token(Kind.ASSIGN, "=", p++));
        } else if (c == '"') {
          p++;
          StringBuilder sb = new StringBuilder();
          while (true) {
            if (p >= n || src.charAt(p) == '\n') {
              throw error("unterminated quoted string", start);
            }
            char d = src.charAt(p);
            if (d == '"') {
              p++;
              break;
            }
            if (d == '\\' && p + 1 < n) {
              char e = src.charAt(p + 1);
              switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                case '\'' -> sb.append('\'');
                default -> throw error("invalid syntax", p);
              }
              p += 2;
              continue;
            }
            sb.append(d);
            p++;
          }
          out.add(new Token(Kind.STRING, sb.toString(), start));
        } else if (c == '`') {
          int end = src.indexOf('`', p + 1);
          if (end < 0) {
            throw error("unterminated raw quoted string", start);
          }
          out.add(new Token(Kind.STRING, src.substring(p + 1, end), start));
          p = end + 1;
        } else if (c == '.' || c == '$') {
          p++;
          while (p < n && (isAlnum(src.charAt(p)) || src.charAt(p) == '.')) {
            p++;
          }
          String t = src.substring(start, p);
          Kind k = c == '$' ? Kind.VARIABLE : t.equals(".") ? Kind.DOT : Kind.FIELD;
          out.add(new Token(k, t, start));
        } else if (Character.isDigit(c)
            || ((c == '-' || c == '+') && p + 1 < n && Character.isDigit(src.charAt(p + 1)))) {
          p++;
          while (p < n && (isAlnum(src.charAt(p)) || src.charAt(p) == '.')) {
            p++;
          }
          out.add(new Token(Kind.NUMBER, src.substring(start, p), start));
        } else if (isAlnum(c)) {
          while (p < n && isAlnum(src.charAt(p))) {
            p++;
          }
          out.add(new Token(Kind.IDENT, src.substring(start, p), start));
        } else {
          throw error("unexpected \"" + c + "\" in command", p);
        }
      }
      i = p;
    }
    out.add(new Token(Kind.EOF, "", n));
    return out;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isAlnum(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  static SyntaxError error(String message, int pos) {
    return new SyntaxError(message, pos);
  }

  /** A lexing or parsing problem at an offset of the source. */
  static final class SyntaxError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    final int pos;

    SyntaxError(String message, int pos) {
      super(message);
      this.pos = pos;
    }
  }
}
