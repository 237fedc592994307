package dev.jalloy.syntax.ast;

import dev.jalloy.syntax.token.SourceFile;
import java.util.List;

/**
 * A parsed file: its statements, every comment in source order, and the source itself (for
 * positions and for the formatter's line decisions).
 */
public record File(SourceFile source, List<Stmt> body, List<CommentGroup> comments) {
  public File {
    body = List.copyOf(body);
    comments = List.copyOf(comments);
  }

  public String name() {
    return source.name();
  }
}
