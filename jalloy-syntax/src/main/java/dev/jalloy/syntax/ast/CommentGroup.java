package dev.jalloy.syntax.ast;

import java.util.List;

/** Comments with no blank line between them; the formatter keeps a group together. */
public record CommentGroup(List<Comment> comments) {
  public CommentGroup {
    comments = List.copyOf(comments);
  }

  public int start() {
    return comments.getFirst().start();
  }
}
