package dev.jalloy.syntax.printer;

import dev.jalloy.syntax.ast.Comment;
import dev.jalloy.syntax.ast.CommentGroup;
import dev.jalloy.syntax.token.Token;
import dev.jalloy.syntax.token.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The token printer, following Alloy's {@code syntax/printer/printer.go}. The {@link Walker} sends
 * it tokens, positions and whitespace instructions; it interleaves the source's comments, keeps
 * track of indentation and writes a byte stream for the {@link TabWriter}: {@code '\v'} before an
 * attribute's {@code =} and {@code '\t'} before a trailing comment start aligned columns, {@code
 * '\f'} ends an alignment section, and comments are bracketed by {@link TabWriter#ESCAPE}.
 *
 * <p>Whitespace is buffered and written only when the next token arrives, so comments that belong
 * before that token can be placed first and the pending line breaks adjusted around them.
 *
 * <p>Two positions are tracked, as upstream does. {@code pos} is where the printer believes it is
 * in the <em>source</em>: set exactly whenever the walker passes a node's offset, otherwise
 * advanced by what was written. Comment placement compares it with the comments' offsets and lines,
 * so the estimate must advance exactly as Alloy's does for the output to match. {@code out} is the
 * position in the output, used only to know when a line needs its indentation.
 */
final class Printer {
  // Whitespace instructions. All but indent/unindent are written as the byte they name.
  static final byte WS_IGNORE = 0;
  static final byte WS_BLANK = ' ';
  static final byte WS_VTAB = TabWriter.VTAB;
  static final byte WS_NEWLINE = '\n';
  static final byte WS_FORMFEED = '\f';
  static final byte WS_INDENT = '>';
  static final byte WS_UNINDENT = '<';

  /** At most this many line breaks in a row: runs of blank lines collapse to one. */
  private static final int MAX_NEWLINES = 2;

  /** Upstream's whitespace buffer has a fixed capacity; when it fills it is written out early. */
  private static final int WHITESPACE_CAPACITY = 16;

  /** A source position: byte offset, 1-based line and byte column. Line 0 means "none". */
  record Loc(int offset, int line, int column) {
    static final Loc END = new Loc(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    boolean valid() {
      return line > 0;
    }
  }

  // The UTF-8 text of every token, encoded once rather than per token printed.
  private static final byte[][] TOKEN_TEXT = new byte[Token.values().length][];

  static {
    for (Token t : Token.values()) {
      TOKEN_TEXT[t.ordinal()] = utf8(t.text());
    }
  }

  private final LineTable lines;
  private final ByteBuf output;

  private int indent;
  // The kind of the last token written; ILLEGAL stands for upstream's LITERAL, "whitespace last".
  private Token lastTok = Token.ILLEGAL;

  private final byte[] whitespace = new byte[WHITESPACE_CAPACITY];
  private int whitespaceLength;

  private List<CommentGroup> comments = List.of();
  private int commentIndex;
  private List<Comment> commentGroup = List.of();
  private int commentOffset = -1; // offset of the next comment group, -1 when none is left

  private int posOffset;
  private int posLine = 1;
  private int posColumn = 1;
  private Loc last = new Loc(0, 0, 0); // where the last text written ended (source space)
  private int outColumn = 1;

  Printer(LineTable lines, int capacity) {
    this.lines = lines;
    this.output = new ByteBuf(capacity);
  }

  ByteBuf output() {
    return output;
  }

  void setComments(List<CommentGroup> groups) {
    comments = groups;
    commentIndex = 0;
    nextComment();
  }

  /** Buffers a whitespace instruction until the next token. */
  void whitespace(byte ws) {
    if (ws == WS_IGNORE) {
      return;
    }
    if (whitespaceLength == WHITESPACE_CAPACITY) {
      writeWhitespace(whitespaceLength);
    }
    whitespace[whitespaceLength++] = ws;
    lastTok = Token.ILLEGAL;
  }

  /** Sets the source position of the next text to a node's exact offset. */
  void position(int offset) {
    if (offset >= 0) {
      posOffset = offset;
      posLine = lines.line(offset);
      posColumn = lines.column(offset, posLine);
    }
  }

  void identifier(String name) {
    lastTok = Token.IDENT;
    text(utf8(name));
  }

  void literal(Token kind, String value) {
    lastTok = kind;
    byte[] data = utf8(value);
    Loc next = new Loc(posOffset, posLine, posColumn);
    flush(next, lastTok);
    writeString(next, data, needsProtection(data) ? Text.PROTECTED_LITERAL : Text.PLAIN);
  }

  void token(Token tok) {
    byte[] data = TOKEN_TEXT[tok.ordinal()];
    // Separate tokens that would otherwise scan as one: "1" "." is not the float "1.".
    if (mayCombine(lastTok, data[0])) {
      if (whitespaceLength != 0) {
        throw new IllegalStateException("whitespace buffer not empty");
      }
      whitespace[whitespaceLength++] = WS_BLANK;
    }
    lastTok = tok;
    text(data);
  }

  /** Writes the comments left after the last token, at the end of the file. */
  void finish() {
    flush(Loc.END, Token.EOF);
  }

  private static boolean mayCombine(Token prev, byte next) {
    return switch (prev) {
      case NUMBER -> next == '.';
      case DIV -> next == '*';
      default -> false;
    };
  }

  private void text(byte[] data) {
    Loc next = new Loc(posOffset, posLine, posColumn);
    flush(next, lastTok);
    writeString(next, data, Text.PLAIN);
  }

  /** How {@link #writeString} hands text to the tabwriter. */
  private enum Text {
    /** Interpreted: tabs end cells, line breaks end lines, trailing blanks are trimmed. */
    PLAIN,
    /** Wrapped in escape bytes as a whole, as upstream does for comments. */
    ESCAPED,
    /**
     * A literal as upstream writes it (plain, so a multi-line raw string breaks lines exactly as in
     * Alloy), except that its tabs, vertical tabs, form feeds and blanks before a line break are
     * escaped: Alloy lets the tabwriter turn those into alignment padding or trim them, silently
     * changing the string's value. Where Alloy keeps the value intact the output is identical.
     */
    PROTECTED_LITERAL
  }

  private static boolean needsProtection(byte[] s) {
    for (int i = 0; i < s.length; i++) {
      byte b = s[i];
      if (b == '\t' || b == TabWriter.VTAB || b == '\f') {
        return true;
      }
      if (b == ' ') {
        int end = blankRunEnd(s, i);
        if (end < s.length && s[end] == '\n') {
          return true;
        }
        i = end - 1;
      }
    }
    return false;
  }

  private static int blankRunEnd(byte[] s, int start) {
    int end = start;
    while (end < s.length && s[end] == ' ') {
      end++;
    }
    return end;
  }

  private void appendProtected(byte[] s) {
    for (int i = 0; i < s.length; i++) {
      byte b = s[i];
      if (b == '\t' || b == TabWriter.VTAB || b == '\f') {
        output.add(TabWriter.ESCAPE);
        output.add(b);
        output.add(TabWriter.ESCAPE);
      } else if (b == ' ') {
        int end = blankRunEnd(s, i);
        boolean trailing = end < s.length && s[end] == '\n';
        if (trailing) {
          output.add(TabWriter.ESCAPE);
        }
        output.add(s, i, end);
        if (trailing) {
          output.add(TabWriter.ESCAPE);
        }
        i = end - 1;
      } else {
        output.add(b);
      }
    }
  }

  private void nextComment() {
    while (commentIndex < comments.size()) {
      CommentGroup group = comments.get(commentIndex++);
      if (!group.comments().isEmpty()) {
        commentGroup = group.comments();
        commentOffset = group.start();
        return;
      }
    }
    commentOffset = -1;
  }

  private boolean commentBefore(Loc next) {
    return commentOffset >= 0 && commentOffset <= next.offset();
  }

  /** Writes pending comments and whitespace that come before the next token in the source. */
  private void flush(Loc next, Token tok) {
    if (commentBefore(next)) {
      injectComments(next, tok);
    } else if (tok != Token.EOF) {
      writeWhitespace(whitespaceLength);
    }
  }

  private void injectComments(Loc next, Token tok) {
    Comment lastComment = null;
    while (commentBefore(next)) {
      for (Comment c : commentGroup) {
        writeCommentPrefix(next, c);
        writeString(loc(c.start()), utf8(c.text()), Text.ESCAPED);
        lastComment = c;
      }
      nextComment();
    }
    if (lastComment != null) {
      writeCommentSuffix(next, tok, lastComment);
    }
  }

  private void writeCommentPrefix(Loc next, Comment c) {
    if (output.length() == 0) {
      return; // nothing before the file's first comment
    }
    int commentLine = lines.line(c.start());
    if (commentLine == last.line()) {
      // A comment trailing the last token. A tab starts an aligned column, unless the next token
      // follows on the same line (a block comment between tokens), where a space reads better.
      writeByte(commentLine == next.line() ? (byte) ' ' : (byte) '\t', 1);
      return;
    }
    // A comment on a later line: apply pending indentation changes that come before the first
    // real whitespace, drop that whitespace, and reproduce the source's line breaks instead.
    int count = 0;
    for (int i = 0; i < whitespaceLength; i++) {
      byte ws = whitespace[i];
      if (ws == WS_INDENT || ws == WS_UNINDENT) {
        continue;
      }
      whitespace[i] = WS_IGNORE;
      count = i;
      break;
    }
    writeWhitespace(count);
    int newlines = last.valid() ? commentLine - last.line() : 0;
    if (newlines > 0) {
      writeByte(WS_FORMFEED, Math.min(newlines, MAX_NEWLINES));
    }
  }

  private void writeCommentSuffix(Loc next, Token tok, Comment lastComment) {
    if (tok == Token.EOF) {
      return; // no blank lines at the end of the file
    }
    String text = lastComment.text();
    int endLine = lines.line(lastComment.start() + Utf8.length(text) - 1);
    if (text.charAt(1) == '*' && next.line() == endLine) {
      writeByte(WS_BLANK, 1);
    }
    int newlines = next.line() - last.line();
    boolean droppedFormfeed = false;
    for (int i = 0; i < whitespaceLength; i++) {
      byte ws = whitespace[i];
      if (ws == WS_INDENT || ws == WS_UNINDENT) {
        continue;
      }
      droppedFormfeed |= ws == WS_FORMFEED;
      whitespace[i] = WS_IGNORE;
    }
    writeWhitespace(whitespaceLength);
    if (newlines > 0) {
      // A dropped form feed still has to end the alignment section it ended before.
      writeByte(droppedFormfeed ? WS_FORMFEED : WS_NEWLINE, Math.min(newlines, MAX_NEWLINES));
    }
  }

  private Loc loc(int offset) {
    int line = lines.line(offset);
    return new Loc(offset, line, lines.column(offset, line));
  }

  private void writeString(Loc pos, byte[] s, Text mode) {
    if (outColumn == 1) {
      writeIndent();
    }
    if (pos.valid()) {
      posOffset = pos.offset();
      posLine = pos.line();
      posColumn = pos.column();
    }
    switch (mode) {
      case PLAIN -> output.add(s);
      case ESCAPED -> {
        output.add(TabWriter.ESCAPE);
        output.add(s);
        output.add(TabWriter.ESCAPE);
      }
      case PROTECTED_LITERAL -> appendProtected(s);
    }

    int newlines = 0;
    int lastNewline = 0;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == '\n' || s[i] == '\f') {
        newlines++;
        lastNewline = i;
      }
    }
    posOffset += s.length;
    if (newlines > 0) {
      posLine += newlines;
      posColumn = s.length - lastNewline;
      outColumn = posColumn;
    } else {
      posColumn += s.length;
      outColumn += s.length;
    }
    last = new Loc(posOffset, posLine, posColumn);
  }

  private void writeIndent() {
    output.add((byte) '\t', indent);
    posOffset += indent;
    posColumn += indent;
    outColumn += indent;
  }

  /** Writes a whitespace byte {@code n} times. */
  private void writeByte(byte ch, int n) {
    if (outColumn == 1) {
      writeIndent();
    }
    output.add(ch, n);
    posOffset += n;
    if (ch == '\n' || ch == '\f') {
      posLine += n;
      posColumn = 1;
      outColumn = 1;
    } else {
      posColumn += n;
      outColumn += n;
    }
  }

  /** Writes the first {@code n} buffered whitespace instructions and keeps the rest. */
  private void writeWhitespace(int n) {
    for (int i = 0; i < n; i++) {
      byte ws = whitespace[i];
      switch (ws) {
        case WS_IGNORE -> {}
        case WS_INDENT -> indent++;
        case WS_UNINDENT -> {
          if (--indent < 0) {
            throw new IllegalStateException("printer: negative indentation");
          }
        }
        default -> writeByte(ws, 1);
      }
    }
    System.arraycopy(whitespace, n, whitespace, 0, whitespaceLength - n);
    whitespaceLength -= n;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
