package dev.jalloy.syntax.printer;

import dev.jalloy.syntax.ast.AccessExpr;
import dev.jalloy.syntax.ast.ArrayExpr;
import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BinaryExpr;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.CallExpr;
import dev.jalloy.syntax.ast.Expr;
import dev.jalloy.syntax.ast.File;
import dev.jalloy.syntax.ast.IdentifierExpr;
import dev.jalloy.syntax.ast.IndexExpr;
import dev.jalloy.syntax.ast.LiteralExpr;
import dev.jalloy.syntax.ast.Node;
import dev.jalloy.syntax.ast.ObjectExpr;
import dev.jalloy.syntax.ast.ObjectField;
import dev.jalloy.syntax.ast.ParenExpr;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.ast.UnaryExpr;
import dev.jalloy.syntax.token.Token;
import dev.jalloy.syntax.token.Utf8;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Walks the syntax tree and sends tokens and layout decisions to the {@link Printer}, following
 * Alloy's {@code syntax/printer/walker.go}. Line breaks inside arrays, objects and calls follow the
 * source: an element that started on a new line gets its own line.
 *
 * <p>Left-nested chains ({@code a + b + c ...}, {@code a.b.c(...)[i]}), which the parser builds
 * without recursion and which may be arbitrarily long, are walked iteratively so that a huge
 * single-line expression cannot overflow the stack.
 */
final class Walker {
  private final Printer p;
  private final LineTable lines;

  Walker(Printer printer, LineTable lines) {
    this.p = printer;
    this.lines = lines;
  }

  void walkFile(File file) {
    p.setComments(file.comments());
    walkStmts(file.body());
  }

  private void walkStmts(List<Stmt> stmts) {
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      if (i > 0) {
        if (s instanceof BlockStmt) {
          // A block is always set off from what precedes it by a blank line.
          p.whitespace(Printer.WS_FORMFEED);
        } else if (startLine(s) - endLine(stmts.get(i - 1)) > 1) {
          // Otherwise a blank line in the source is kept (several collapse into one).
          p.whitespace(Printer.WS_FORMFEED);
        }
      }
      if (s instanceof BlockStmt block) {
        walkBlock(block);
      } else {
        walkAttribute((AttributeStmt) s);
      }
      // A statement spanning several lines ends the alignment run it is part of.
      p.whitespace(nodeLines(s) > 1 ? Printer.WS_FORMFEED : Printer.WS_NEWLINE);
    }
  }

  private void walkAttribute(AttributeStmt s) {
    p.position(s.name().start());
    p.identifier(s.name().name());
    p.whitespace(Printer.WS_VTAB);
    p.token(Token.ASSIGN);
    p.whitespace(Printer.WS_BLANK);
    walkExpr(s.value());
  }

  private void walkBlock(BlockStmt s) {
    p.position(s.namePos());
    p.identifier(s.fullName());
    if (!s.label().isEmpty()) {
      // Upstream re-quotes the label with %q; labels are identifiers, so that is the label itself.
      p.whitespace(Printer.WS_BLANK);
      p.position(s.labelPos());
      p.literal(Token.STRING, '"' + s.label() + '"');
    }
    p.whitespace(Printer.WS_BLANK);
    p.position(s.lcurlyPos());
    p.token(Token.LCURLY);
    p.whitespace(Printer.WS_INDENT);
    if (s.body().isEmpty()) {
      p.whitespace(Printer.WS_BLANK); // "name { }"
    } else {
      p.whitespace(Printer.WS_FORMFEED); // the body starts a new alignment section
      walkStmts(s.body());
    }
    p.whitespace(Printer.WS_UNINDENT);
    p.position(s.rcurlyPos());
    p.token(Token.RCURLY);
  }

  private void walkExpr(Expr expr) {
    ArrayDeque<Expr> spine = null;
    Expr base = expr;
    while (true) {
      Expr inner =
          switch (base) {
            case BinaryExpr b -> b.left();
            case AccessExpr a -> a.value();
            case IndexExpr i -> i.value();
            case CallExpr c -> c.value();
            default -> null;
          };
      if (inner == null) {
        break;
      }
      if (spine == null) {
        spine = new ArrayDeque<>();
      }
      spine.push(base);
      base = inner;
    }
    walkOperand(base);
    while (spine != null && !spine.isEmpty()) {
      walkSuffix(spine.pop());
    }
  }

  /** Everything of a left-nested expression after its leftmost operand. */
  private void walkSuffix(Expr e) {
    switch (e) {
      case BinaryExpr b -> {
        p.whitespace(Printer.WS_BLANK);
        p.position(b.kindPos());
        p.token(b.kind());
        p.whitespace(Printer.WS_BLANK);
        walkExpr(b.right());
      }
      case AccessExpr a -> {
        p.token(Token.DOT);
        p.identifier(a.name().name());
      }
      case IndexExpr i -> {
        p.position(i.lbrackPos());
        p.token(Token.LBRACK);
        walkExpr(i.index());
        p.position(i.rbrackPos());
        p.token(Token.RBRACK);
      }
      case CallExpr c -> walkCallArgs(c);
      default -> throw new IllegalStateException("not a suffix expression: " + e);
    }
  }

  private void walkOperand(Expr e) {
    switch (e) {
      case LiteralExpr l -> {
        p.position(l.start());
        p.literal(l.kind(), l.value());
      }
      case IdentifierExpr i -> {
        p.position(i.ident().start());
        p.identifier(i.ident().name());
      }
      case ArrayExpr a -> walkArray(a);
      case ObjectExpr o -> walkObject(o);
      case UnaryExpr u -> {
        p.position(u.kindPos());
        p.token(u.kind());
        walkExpr(u.value());
      }
      case ParenExpr paren -> {
        // Upstream passes no positions for parentheses; the printer's estimate is used instead.
        p.token(Token.LPAREN);
        walkExpr(paren.inner());
        p.token(Token.RPAREN);
      }
      case BinaryExpr _, AccessExpr _, IndexExpr _, CallExpr _ ->
          throw new IllegalStateException("chain expressions are walked by walkExpr: " + e);
    }
  }

  private void walkArray(ArrayExpr e) {
    p.position(e.lbrackPos());
    p.token(Token.LBRACK);
    int prevLine = lines.line(e.lbrackPos());
    List<Expr> elements = e.elements();
    for (int i = 0; i < elements.size(); i++) {
      Expr element = elements.get(i);
      boolean ownLine = prevLine != startLine(element);
      if (ownLine) {
        // Indent before the line break so comments written before the break are indented too.
        p.whitespace(Printer.WS_INDENT);
        p.whitespace(Printer.WS_FORMFEED);
      } else if (i > 0) {
        p.whitespace(Printer.WS_BLANK);
      }
      prevLine = endLine(element);
      walkExpr(element);
      if (i + 1 < elements.size()) {
        p.token(Token.COMMA);
      }
      if (ownLine) {
        p.whitespace(Printer.WS_UNINDENT);
      }
    }
    if (!elements.isEmpty() && prevLine != lines.line(e.rbrackPos())) {
      // The closing bracket is on its own line, so the last element needs a trailing comma.
      p.token(Token.COMMA);
      p.whitespace(Printer.WS_INDENT);
      p.whitespace(Printer.WS_FORMFEED);
      p.whitespace(Printer.WS_UNINDENT);
    }
    p.position(e.rbrackPos());
    p.token(Token.RBRACK);
  }

  private void walkObject(ObjectExpr e) {
    p.position(e.lcurlyPos());
    p.token(Token.LCURLY);
    p.whitespace(Printer.WS_INDENT);
    int prevLine = lines.line(e.lcurlyPos());
    List<ObjectField> fields = e.fields();
    for (int i = 0; i < fields.size(); i++) {
      ObjectField field = fields.get(i);
      int nameStart = field.name().start();
      if (prevLine != lines.line(nameStart)) {
        // Keep aligning '=' with the previous field unless its value spanned several lines.
        boolean aligned = i > 0 && nodeLines(fields.get(i - 1).value()) == 1;
        p.whitespace(aligned ? Printer.WS_NEWLINE : Printer.WS_FORMFEED);
      } else if (i > 0) {
        p.whitespace(Printer.WS_BLANK);
      }
      // Upstream compares lines against the end of the previous field's name, not its value.
      String name = field.name().name();
      prevLine = lines.line(nameStart + Math.max(0, Utf8.length(name) - 1));
      p.position(nameStart);
      if (field.quoted()) {
        // The key is kept exactly as written between its quotes (see package-info for why
        // upstream's %q re-quoting is not reproduced).
        p.literal(Token.STRING, '"' + name + '"');
      } else {
        p.identifier(name);
      }
      p.whitespace(Printer.WS_VTAB);
      p.token(Token.ASSIGN);
      p.whitespace(Printer.WS_BLANK);
      walkExpr(field.value());
      if (i + 1 < fields.size()) {
        p.token(Token.COMMA);
      }
    }
    if (!fields.isEmpty() && prevLine != lines.line(e.rcurlyPos())) {
      p.token(Token.COMMA);
      p.whitespace(Printer.WS_FORMFEED);
    }
    p.whitespace(Printer.WS_UNINDENT);
    p.position(e.rcurlyPos());
    p.token(Token.RCURLY);
  }

  private void walkCallArgs(CallExpr e) {
    p.token(Token.LPAREN);
    int prevLine = lines.line(e.lparenPos());
    List<Expr> args = e.args();
    for (int i = 0; i < args.size(); i++) {
      Expr arg = args.get(i);
      boolean ownLine = prevLine != startLine(arg);
      if (ownLine) {
        p.whitespace(Printer.WS_FORMFEED);
        p.whitespace(Printer.WS_INDENT);
      }
      walkExpr(arg);
      prevLine = endLine(arg);
      if (i + 1 < args.size()) {
        p.token(Token.COMMA);
        p.whitespace(Printer.WS_BLANK);
      }
      if (ownLine) {
        p.whitespace(Printer.WS_UNINDENT);
      }
    }
    // Upstream adds the trailing comma even without arguments, printing "f(,\n)", which does not
    // parse; an empty argument list is printed as "()".
    if (!args.isEmpty() && prevLine != lines.line(e.rparenPos())) {
      p.token(Token.COMMA);
      p.whitespace(Printer.WS_FORMFEED);
    }
    p.token(Token.RPAREN);
  }

  private int startLine(Node n) {
    return lines.line(n.start());
  }

  /** The line of a node's last byte (upstream's EndPos). */
  private int endLine(Node n) {
    return lines.line(n.end() - 1);
  }

  private int nodeLines(Node n) {
    return endLine(n) - startLine(n) + 1;
  }
}
