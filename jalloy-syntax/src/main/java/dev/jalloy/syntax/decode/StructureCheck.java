package dev.jalloy.syntax.decode;

import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.token.SourceFile;
import java.lang.reflect.ParameterizedType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a block body against an argument record's {@link Schema} without evaluating anything:
 * names of attributes and blocks, required members, blocks given twice, labels. This is what {@code
 * validate} can say about a component before any other component exists; the messages are the
 * decoder's, so a problem reads the same from {@code validate} and from {@code run}.
 */
public final class StructureCheck {
  private StructureCheck() {}

  /** Problems of {@code body} for {@code type}; missing members are reported at the owner. */
  public static Diagnostics check(
      List<Stmt> body, Class<?> type, SourceFile file, int ownerStart, int ownerEnd) {
    Diagnostics diags = new Diagnostics();
    checkBody(body, Schema.of(type), file, ownerStart, ownerEnd, diags);
    return diags;
  }

  private static void checkBody(
      List<Stmt> body,
      Schema schema,
      SourceFile file,
      int ownerStart,
      int ownerEnd,
      Diagnostics diags) {
    Set<String> attributes = new HashSet<>();
    Set<String> blocks = new HashSet<>();
    for (Stmt stmt : body) {
      switch (stmt) {
        case AttributeStmt attr -> {
          String name = attr.name().name();
          Optional<Schema.Member> member = schema.member(name);
          if (!attributes.add(name)) {
            diags.add(
                error(
                    file,
                    attr.start(),
                    attr.end() - 1,
                    "attribute \"" + name + "\" may only be provided once"));
          } else if (member.isEmpty()) {
            diags.add(
                error(
                    file,
                    attr.start(),
                    attr.end() - 1,
                    "unrecognized attribute name \"" + name + "\""));
          } else if (member.get().kind() != Schema.Kind.ATTRIBUTE) {
            diags.add(
                error(
                    file,
                    attr.start(),
                    attr.end() - 1,
                    "\"" + name + "\" must be a block, but is used as an attribute"));
          }
        }
        case BlockStmt block -> {
          String name = block.fullName();
          int end = block.end() - 1;
          Optional<Schema.Member> member = schema.member(name);
          if (member.isEmpty()) {
            diags.add(error(file, block.start(), end, "unrecognized block name \"" + name + "\""));
            continue;
          }
          if (member.get().kind() == Schema.Kind.ATTRIBUTE) {
            diags.add(
                error(
                    file,
                    block.start(),
                    end,
                    "\"" + name + "\" must be an attribute, but is used as a block"));
            continue;
          }
          boolean first = blocks.add(name);
          if (!first && !member.get().repeated()) {
            diags.add(
                error(
                    file, block.start(), end, "block \"" + name + "\" may only be specified once"));
            continue;
          }
          Class<?> target = blockRecord(member.get());
          Schema nested = Schema.of(target);
          int nameEnd = block.lcurlyPos();
          if (nested.hasLabel() && block.label().isEmpty()) {
            diags.add(
                error(
                    file,
                    block.namePos(),
                    nameEnd,
                    "block \"" + name + "\" requires non-empty label"));
          } else if (!nested.hasLabel() && !block.label().isEmpty()) {
            diags.add(
                error(
                    file,
                    block.namePos(),
                    nameEnd,
                    "block \"" + name + "\" does not support specifying labels"));
          } else {
            checkBody(block.body(), nested, file, block.namePos(), nameEnd, diags);
          }
        }
      }
    }
    for (Schema.Member member : schema.members().values()) {
      boolean attribute = member.kind() == Schema.Kind.ATTRIBUTE;
      if (member.optional() || (attribute ? attributes : blocks).contains(member.name())) {
        continue;
      }
      String kind = attribute ? "attribute" : "block";
      diags.add(
          error(
              file,
              ownerStart,
              ownerEnd,
              "missing required " + kind + " \"" + member.name() + "\""));
    }
  }

  private static Class<?> blockRecord(Schema.Member member) {
    if (member.kind() == Schema.Kind.ENUM_BLOCK) {
      return member.enumMember();
    }
    Class<?> raw = Schema.rawType(member.type());
    if ((raw == List.class || raw == Optional.class)
        && member.type() instanceof ParameterizedType p) {
      return Schema.rawType(p.getActualTypeArguments()[0]);
    }
    return raw;
  }

  private static Diagnostic error(SourceFile file, int start, int endInclusive, String message) {
    return Diagnostic.error(
        file.position(start), file.position(Math.max(start, endInclusive)), message);
  }
}
