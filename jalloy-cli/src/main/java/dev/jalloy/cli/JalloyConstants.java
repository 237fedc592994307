package dev.jalloy.cli;

import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.token.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code constants { hostname = ... }} block: a jalloy extension, not Alloy syntax.
 *
 * <p>One of the users' configurations (host-simple.alloy) opens with this block to set the host
 * name that {@code constants.hostname} reports, for hosts whose own name is not the one their
 * dashboards use. Alloy rejects the file ({@code component "constants" must have a label}). jalloy
 * runs configurations as their users wrote them, so it accepts the block with the meaning the user
 * plainly intended, at the top level only, and says with a warning that Alloy would not.
 */
final class JalloyConstants {
  static final String BLOCK = "constants";
  private static final Set<String> ATTRIBUTES = Set.of("hostname");

  private JalloyConstants() {}

  static List<Diagnostic> check(BlockStmt block, SourceFile file, boolean root) {
    List<Diagnostic> diags = new ArrayList<>();
    int nameEnd = block.namePos() + BLOCK.length() - 1;
    if (!root) {
      diags.add(
          Diagnostic.error(
              file.position(block.namePos()),
              file.position(nameEnd),
              "the constants block is only allowed at the top level of a configuration"));
    }
    if (block.hasLabel()) {
      diags.add(
          Diagnostic.error(
              file.position(block.namePos()),
              file.position(nameEnd),
              "block \"constants\" does not support specifying labels"));
    }
    for (Stmt stmt : block.body()) {
      if (stmt instanceof AttributeStmt attr && ATTRIBUTES.contains(attr.name().name())) {
        continue;
      }
      String what =
          stmt instanceof AttributeStmt attr
              ? "unrecognized attribute name \"" + attr.name().name() + "\""
              : "unrecognized block name \"" + ((BlockStmt) stmt).fullName() + "\"";
      diags.add(Diagnostic.error(file.position(stmt.start()), file.position(stmt.end() - 1), what));
    }
    diags.add(
        Diagnostic.warning(
            file.position(block.namePos()),
            file.position(nameEnd),
            "the constants block is a jalloy extension that sets constants.hostname for this"
                + " configuration; Alloy rejects it"));
    return diags;
  }
}
