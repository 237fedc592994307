package dev.jalloy.syntax.parser;

import dev.jalloy.syntax.ast.File;
import dev.jalloy.syntax.diag.Diagnostics;

/** A parsed file and the problems found; the tree is only meaningful when there are no errors. */
public record ParseResult(File file, Diagnostics diagnostics) {
  public boolean hasErrors() {
    return diagnostics.hasErrors();
  }
}
