package dev.jalloy.syntax.scanner;

import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.token.Token;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a file into tokens, following Alloy's scanner rule by rule: newlines become
 * {@link Token#TERMINATOR}s only after a token that can end a statement, comments are returned as
 * tokens, and lexical errors are reported through the {@link ErrorHandler} while scanning goes on.
 *
 * <p>The scanner works on UTF-8 bytes, as Alloy's does, so offsets and columns agree with Alloy's
 * diagnostics, and so invalid UTF-8 and NUL bytes are seen and reported rather than decoded away.
 *
 * <p>Usage: call {@link #scan()} until it returns {@link Token#EOF}; after each call {@link
 * #offset()}, {@link #token()} and {@link #literal()} describe the token.
 */
public final class Scanner {
  /** Receives lexical errors: byte offset and message. */
  @FunctionalInterface
  public interface ErrorHandler {
    void error(int offset, String message);
  }

  private static final int EOF = -1;
  private static final int BOM = 0xFEFF;

  private final byte[] input;
  private final ErrorHandler errors;

  private int ch; // current code point, EOF at the end
  private int chOffset; // byte offset of ch
  private int readOffset; // byte offset after ch
  private boolean insertTerm;

  private int tokOffset;
  private Token tok;
  private String lit = "";

  public Scanner(SourceFile file, ErrorHandler errors) {
    this(file.bytes(), errors);
  }

  public Scanner(byte[] input, ErrorHandler errors) {
    this.input = input;
    this.errors = errors;
    next();
    if (ch == BOM) {
      next(); // a byte order mark is allowed as the very first character only
    }
  }

  /** Byte offset of the current token. */
  public int offset() {
    return tokOffset;
  }

  public Token token() {
    return tok;
  }

  /**
   * Literal text of the current token: identifiers, numbers, strings (with their quotes), comments,
   * {@code true}/{@code false}/{@code null}, the offending character of ILLEGAL, and {@code "\n"}
   * for terminators. Empty for operators.
   */
  public String literal() {
    return lit;
  }

  /** Scans the next token. */
  public Token scan() {
    while (true) {
      skipWhitespace();
      tokOffset = chOffset;
      lit = "";
      boolean term = false;
      int c = ch;
      if (isLetter(c)) {
        lit = scanIdentifier();
        tok = keyword(lit);
        term = true;
      } else if (isDecimal(c) || (c == '.' && isDecimal(peek()))) {
        term = true;
        tok = scanNumber();
      } else {
        next();
        switch (c) {
          case EOF -> {
            if (insertTerm) {
              insertTerm = false;
              return terminator();
            }
            tok = Token.EOF;
          }
          case '\n' -> {
            insertTerm = false;
            return terminator();
          }
          case '\'' -> {
            error(tokOffset, "illegal single-quoted string; use double quotes");
            term = true;
            tok = Token.ILLEGAL;
            lit = scanString('\'', true, false);
          }
          case '"' -> {
            term = true;
            tok = Token.STRING;
            lit = scanString('"', true, false);
          }
          case '`' -> {
            term = true;
            tok = Token.STRING;
            lit = scanString('`', false, true);
          }
          case '|' -> {
            if (ch != '|') {
              error(chOffset, "missing second | in ||");
            } else {
              next();
            }
            tok = Token.OR;
          }
          case '&' -> {
            if (ch != '&') {
              error(chOffset, "missing second & in &&");
            } else {
              next();
            }
            tok = Token.AND;
          }
          case '!' -> tok = switch2(Token.NOT, Token.NEQ);
          case '=' -> tok = switch2(Token.ASSIGN, Token.EQ);
          case '<' -> tok = switch2(Token.LT, Token.LTE);
          case '>' -> tok = switch2(Token.GT, Token.GTE);
          case '+' -> tok = Token.ADD;
          case '-' -> tok = Token.SUB;
          case '*' -> tok = Token.MUL;
          case '/' -> {
            if (ch == '/' || ch == '*') {
              // A terminator owed before this comment is emitted first when the comment runs to
              // the end of the line, so `a = 1 // note` still ends its statement.
              if (insertTerm && commentRunsToLineEnd()) {
                rewindTo(tokOffset);
                insertTerm = false;
                return terminator();
              }
              lit = scanComment();
              tok = Token.COMMENT;
            } else {
              tok = Token.DIV;
            }
          }
          case '%' -> tok = Token.MOD;
          case '^' -> tok = Token.POW;
          case '{' -> tok = Token.LCURLY;
          case '}' -> {
            term = true;
            tok = Token.RCURLY;
          }
          case '(' -> tok = Token.LPAREN;
          case ')' -> {
            term = true;
            tok = Token.RPAREN;
          }
          case '[' -> tok = Token.LBRACK;
          case ']' -> {
            term = true;
            tok = Token.RBRACK;
          }
          case ',' -> tok = Token.COMMA;
          case '.' -> tok = Token.DOT;
          default -> {
            if (c != BOM) { // next() already reported a misplaced byte order mark
              error(tokOffset, "illegal character " + describe(c));
            }
            term = insertTerm;
            tok = Token.ILLEGAL;
            lit = new String(Character.toChars(c < 0 ? 0xFFFD : c));
          }
        }
      }
      if (tok == Token.COMMENT) {
        // Comments neither owe nor cancel a terminator except as handled above.
        insertTerm = false;
        return tok;
      }
      insertTerm = term;
      return tok;
    }
  }

  private Token terminator() {
    tok = Token.TERMINATOR;
    lit = "\n";
    return tok;
  }

  private void error(int offset, String message) {
    if (errors != null) {
      errors.error(offset, message);
    }
  }

  private int peek() {
    return readOffset < input.length ? input[readOffset] & 0xFF : 0;
  }

  /** Advances to the next code point, reporting NUL bytes and invalid UTF-8. */
  private void next() {
    if (readOffset >= input.length) {
      chOffset = input.length;
      ch = EOF;
      return;
    }
    chOffset = readOffset;
    int b = input[readOffset] & 0xFF;
    int width = 1;
    int r = b;
    if (b == 0) {
      error(chOffset, "illegal character NUL");
    } else if (b >= 0x80) {
      r = decodeUtf8(input, readOffset);
      if (r < 0) {
        error(chOffset, "illegal UTF-8 encoding");
        r = 0xFFFD;
      } else {
        width = utf8Width(r);
        if (r == BOM && chOffset > 0) {
          error(chOffset, "illegal byte order mark");
        }
      }
    }
    readOffset += width;
    ch = r;
  }

  private void rewindTo(int offset) {
    readOffset = offset;
    next();
  }

  private void skipWhitespace() {
    while (ch == ' ' || ch == '\t' || ch == '\r' || (ch == '\n' && !insertTerm)) {
      next();
    }
  }

  private Token switch2(Token single, Token withEquals) {
    if (ch == '=') {
      next();
      return withEquals;
    }
    return single;
  }

  private String scanIdentifier() {
    int start = chOffset;
    // ASCII fast path: most identifiers are plain ASCII and need no decoding.
    int i = readOffset;
    while (i < input.length) {
      int b = input[i];
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || (b >= '0' && b <= '9')) {
        i++;
        continue;
      }
      break;
    }
    readOffset = i;
    next();
    while (isLetter(ch) || isDigit(ch)) {
      next();
    }
    return ascii(start, chOffset);
  }

  private static Token keyword(String lit) {
    return switch (lit) {
      case "true", "false" -> Token.BOOL;
      case "null" -> Token.NULL;
      default -> Token.IDENT;
    };
  }

  private Token scanNumber() {
    int start = chOffset;
    Token kind = Token.NUMBER;
    if (ch != '.') {
      digits();
    }
    if (ch == '.') {
      kind = Token.FLOAT;
      next();
      digits();
    }
    if (ch == 'e' || ch == 'E') {
      kind = Token.FLOAT;
      next();
      if (ch == '+' || ch == '-') {
        next();
      }
      if (digits() == 0) {
        error(start, "exponent has no digits");
      }
    }
    lit = ascii(start, chOffset);
    return kind;
  }

  private int digits() {
    int count = 0;
    while (isDecimal(ch)) {
      next();
      count++;
    }
    return count;
  }

  private String scanString(int until, boolean escapes, boolean multiline) {
    int start = chOffset - 1; // the opening quote was consumed already
    while (true) {
      int c = ch;
      if ((!multiline && c == '\n') || c == EOF) {
        error(start, "string literal not terminated");
        break;
      }
      next();
      if (c == until) {
        break;
      }
      if (escapes && c == '\\') {
        scanEscape();
      }
    }
    return text(start, chOffset);
  }

  private void scanEscape() {
    int start = chOffset;
    int n;
    int base;
    int max;
    switch (ch) {
      case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\', '"' -> {
        next();
        return;
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        n = 3;
        base = 8;
        max = 255;
      }
      case 'x' -> {
        next();
        n = 2;
        base = 16;
        max = 255;
      }
      case 'u' -> {
        next();
        n = 4;
        base = 16;
        max = Character.MAX_CODE_POINT;
      }
      case 'U' -> {
        next();
        n = 8;
        base = 16;
        max = Character.MAX_CODE_POINT;
      }
      default -> {
        error(start, ch == EOF ? "escape sequence not terminated" : "unknown escape sequence");
        return;
      }
    }
    long x = 0;
    while (n > 0) {
      int d = digitValue(ch);
      if (d >= base) {
        error(
            start,
            ch == EOF
                ? "escape sequence not terminated"
                : "illegal character " + describe(ch) + " in escape sequence");
        return;
      }
      x = x * base + d;
      next();
      n--;
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
      error(start, "escape sequence is invalid Unicode code point");
    }
  }

  private String scanComment() {
    int start = chOffset - 1; // the first '/' was consumed already
    if (ch == '/') {
      next();
      while (ch != '\n' && ch != EOF) {
        next();
      }
      return stripCarriageReturns(text(start, chOffset), false);
    }
    next(); // the '*'
    while (ch != EOF) {
      int c = ch;
      next();
      if (c == '*' && ch == '/') {
        next();
        return stripCarriageReturns(text(start, chOffset), true);
      }
    }
    error(start, "block comment not terminated");
    return stripCarriageReturns(text(start, chOffset), true);
  }

  /**
   * Whether the comment starting at the current position ('/' consumed, {@code ch} is the second
   * character) reaches the end of its line, looking through a run of comments: a line comment
   * always does; a block comment does when it contains a newline, or when only whitespace and
   * further comments follow it on its line.
   */
  private boolean commentRunsToLineEnd() {
    int i = chOffset;
    while (i < input.length && (input[i] == '/' || input[i] == '*')) {
      if (input[i] == '/') {
        return true;
      }
      i++; // past '*'
      boolean closed = false;
      while (i < input.length) {
        byte b = input[i];
        if (b == '\n') {
          return true;
        }
        i++;
        if (b == '*' && i < input.length && input[i] == '/') {
          i++;
          closed = true;
          break;
        }
      }
      if (!closed) {
        return true; // an unterminated block comment runs to the end of the file
      }
      while (i < input.length && (input[i] == ' ' || input[i] == '\t' || input[i] == '\r')) {
        i++;
      }
      if (i >= input.length || input[i] == '\n') {
        return true;
      }
      if (input[i] != '/') {
        return false;
      }
      i++; // a further comment may follow: look at its second character
    }
    return false;
  }

  /**
   * Removes carriage returns from a comment (files written on Windows), except one that sits
   * between a block comment's '*' and '/'.
   */
  private static String stripCarriageReturns(String comment, boolean block) {
    if (comment.indexOf('\r') < 0) {
      return comment;
    }
    String text = comment.endsWith("\r") ? comment.substring(0, comment.length() - 1) : comment;
    StringBuilder out = new StringBuilder(text.length());
    for (int j = 0; j < text.length(); j++) {
      char c = text.charAt(j);
      boolean keep =
          c != '\r'
              || (block
                  && out.length() > 2
                  && out.charAt(out.length() - 1) == '*'
                  && j + 1 < text.length()
                  && text.charAt(j + 1) == '/');
      if (keep) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private String text(int start, int end) {
    return new String(input, start, end - start, StandardCharsets.UTF_8);
  }

  private String ascii(int start, int end) {
    for (int i = start; i < end; i++) {
      if (input[i] < 0) {
        return text(start, end);
      }
    }
    return new String(input, start, end - start, StandardCharsets.ISO_8859_1);
  }

  static boolean isLetter(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || (c >= 0x80 && Character.isLetter(c));
  }

  static boolean isDecimal(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean isDigit(int c) {
    return isDecimal(c) || (c >= 0x80 && Character.isDigit(c));
  }

  private static int digitValue(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    int lower = c | 0x20;
    if (lower >= 'a' && lower <= 'f') {
      return lower - 'a' + 10;
    }
    return 16;
  }

  /** Go's {@code %#U}: {@code U+0023 '#'}. */
  static String describe(int c) {
    String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
    String code = "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
    if (c >= 0x20 && c != 0x7F && Character.isDefined(c) && !Character.isISOControl(c)) {
      return code + " '" + new String(Character.toChars(c)) + "'";
    }
    return code;
  }

  /** Decodes one UTF-8 sequence at {@code i}; -1 when it is not valid UTF-8. */
  static int decodeUtf8(byte[] in, int i) {
    int b0 = in[i] & 0xFF;
    int need;
    int cp;
    int min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      need = 1;
      cp = b0 & 0x1F;
      min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      need = 2;
      cp = b0 & 0x0F;
      min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      need = 3;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      return -1;
    }
    if (i + need >= in.length) {
      return -1;
    }
    for (int k = 1; k <= need; k++) {
      int b = in[i + k] & 0xFF;
      if ((b & 0xC0) != 0x80) {
        return -1;
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp < 0xE000)) {
      return -1;
    }
    return cp;
  }

  static int utf8Width(int cp) {
    if (cp < 0x80) {
      return 1;
    } else if (cp < 0x800) {
      return 2;
    } else if (cp < 0x10000) {
      return 3;
    }
    return 4;
  }

  /** Whether {@code s} is a valid identifier: a letter or {@code _}, then letters and digits. */
  public static boolean isValidIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int first = s.codePointAt(0);
    if (!isLetter(first)) {
      return false;
    }
    for (int i = Character.charCount(first); i < s.length(); ) {
      int c = s.codePointAt(i);
      if (!isLetter(c) && !isDigit(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
