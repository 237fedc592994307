package dev.jalloy.cli;

import dev.jalloy.component.Stability;
import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.token.Utf8;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code alloy validate} reports without evaluating anything: syntax errors of every file,
 * then top-level attributes, and then the structure of the merged module — duplicate block ids,
 * missing labels, blocks in places they are not allowed ({@code argument} at the top level, {@code
 * logging} inside a module or a {@code foreach}), a {@code foreach} without {@code template} or
 * below the allowed stability level, services that take no configuration.
 *
 * <p>Follows Alloy's {@code internal/runtime/source.go} and {@code internal/validator/validate.go}
 * and {@code graph.go}: the same classification of blocks (declares, config blocks, components,
 * services), the same messages, spans and order, so that the output matches Alloy's own validator
 * test data byte for byte. Schema checks are delegated to {@link SchemaChecks}; this class will
 * move to the runtime once the loader exists.
 */
final class ConfigValidator {
  private static final Set<String> CONFIG_BLOCKS =
      Set.of(
          "foreach",
          "argument",
          "export",
          "logging",
          "tracing",
          "import.file",
          "import.string",
          "import.http",
          "import.git",
          JalloyConstants.BLOCK);

  /**
   * Alloy's services (internal/service/*) and whether each accepts a configuration block. A block
   * with one of these names is a service, never a component.
   */
  private static final Map<String, Boolean> SERVICES =
      Map.of(
          "http", true,
          "livedebugging", true,
          "remotecfg", true,
          "cluster", false,
          "labelstore", false,
          "otel", false,
          "ui", false);

  /** {@code foreach} is experimental in Alloy v1.18 ({@code internal/nodeconf/foreach}). */
  private static final Stability FOREACH_STABILITY = Stability.EXPERIMENTAL;

  private final Stability minStability;
  private final SchemaChecks schema;

  ConfigValidator(Stability minStability, SchemaChecks schema) {
    this.minStability = minStability;
    this.schema = schema;
  }

  /**
   * Validates the files of one configuration. Files are taken in name order, as Alloy merges them.
   * If any file has a syntax error or a top-level attribute, only those problems are reported:
   * Alloy stops there, because the module cannot be assembled.
   */
  Diagnostics validate(List<SourceFile> files) {
    List<SourceFile> sorted =
        files.stream().sorted(Comparator.comparing(SourceFile::name)).toList();
    Diagnostics fileErrors = new Diagnostics();
    List<Located> blocks = new ArrayList<>();
    for (SourceFile file : sorted) {
      ParseResult parsed = Parser.parse(file);
      if (parsed.hasErrors()) {
        fileErrors.addAll(parsed.diagnostics());
        continue;
      }
      for (Stmt stmt : parsed.file().body()) {
        switch (stmt) {
          case AttributeStmt attr -> {
            // Alloy stops at a file's first one; all are reported so they are fixed in one go.
            int start = attr.name().start();
            fileErrors.add(
                Diagnostic.error(
                    file.position(start),
                    file.position(start + Utf8.length(attr.name().name()) - 1),
                    "unrecognized attribute " + attr.name().name()));
          }
          case BlockStmt block -> blocks.add(new Located(block, file));
        }
      }
    }
    if (!fileErrors.isEmpty()) {
      return fileErrors;
    }
    Scope root = new Scope(true, false);
    classify(root, blocks);
    validate(root);
    Diagnostics out = new Diagnostics();
    emit(root, out);
    return out;
  }

  // ---- building the scopes (Alloy's validator.validate) -------------------------------------

  private enum Kind {
    CONFIG,
    FOREACH,
    DECLARE,
    SERVICE,
    COMPONENT
  }

  /** A block and the file it came from, which its positions refer to. */
  private record Located(BlockStmt block, SourceFile file) {
    Diagnostic error(int start, int endInclusive, String message) {
      return Diagnostic.error(file.position(start), file.position(endInclusive), message);
    }

    /** The span Alloy uses for a name: from the name's first byte, {@code length} bytes long. */
    Diagnostic errorAtName(int length, String message) {
      return error(block.namePos(), block.namePos() + length - 1, message);
    }

    Diagnostic errorAtBlock(String message) {
      return error(block.start(), block.rcurlyPos(), message);
    }
  }

  /** One node of a scope, in the order Alloy adds them to its graph; diagnostics are its own. */
  private static final class Node {
    final Kind kind;
    final Located located;
    final List<Diagnostic> diags = new ArrayList<>();
    BlockStmt checked; // the block handed to the schema checks, null for none
    Scope inner; // the scope of a declare or a foreach template

    Node(Kind kind, Located located, BlockStmt checked) {
      this.kind = kind;
      this.located = located;
      this.checked = checked;
    }
  }

  /** The root module, a declare's body or a foreach template: one namespace of block ids. */
  private static final class Scope {
    final boolean root;
    final boolean foreach;
    final List<Located> declares = new ArrayList<>();
    final List<Located> configs = new ArrayList<>();
    final List<Located> services = new ArrayList<>();
    final List<Located> components = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();

    Scope(boolean root, boolean foreach) {
      this.root = root;
      this.foreach = foreach;
    }
  }

  /** Sorts a body's blocks into the four kinds Alloy's loader knows. */
  private static void classify(Scope scope, List<Located> blocks) {
    for (Located b : blocks) {
      String name = b.block.fullName();
      if (CONFIG_BLOCKS.contains(name)) {
        scope.configs.add(b);
      } else if (name.equals("declare")) {
        scope.declares.add(b);
      } else if (SERVICES.containsKey(blockId(b.block))) {
        scope.services.add(b);
      } else {
        scope.components.add(b);
      }
    }
  }

  /** The blocks of a body; any other statement is reported on {@code owner}. */
  private static List<Located> blocksOf(Node owner, List<Stmt> body, SourceFile file) {
    List<Located> blocks = new ArrayList<>();
    for (Stmt stmt : body) {
      switch (stmt) {
        case BlockStmt block -> blocks.add(new Located(block, file));
        case AttributeStmt attr ->
            // Alloy prints the Go type of the statement here.
            owner.diags.add(
                Diagnostic.error(
                    file.position(attr.start()),
                    file.position(attr.end() - 1),
                    "unsupported statement type *ast.AttributeStmt"));
      }
    }
    return blocks;
  }

  private void validate(Scope s) {
    // Declares first: in Alloy they register the custom components the rest may use.
    validateDeclares(s);
    validateConfigs(s);
    validateComponents(s);
    validateServices(s);
  }

  private void validateDeclares(Scope s) {
    Map<String, Located> seen = new HashMap<>();
    for (Located d : s.declares) {
      Node node = new Node(Kind.DECLARE, d, null);
      if (d.block.label().isEmpty()) {
        node.diags.add(
            d.errorAtName(Utf8.length(d.block.fullName()), "declare block must have a label"));
      }
      alreadyDefined(seen, d, node);
      Scope module = new Scope(false, false);
      classify(module, blocksOf(node, d.block.body(), d.file));
      validate(module);
      node.inner = module;
      s.nodes.add(node);
    }
  }

  private void validateConfigs(Scope s) {
    Map<String, Located> seen = new HashMap<>();
    for (Located c : s.configs) {
      boolean foreach = c.block.fullName().equals("foreach");
      Node node = new Node(foreach ? Kind.FOREACH : Kind.CONFIG, c, c.block);
      alreadyDefined(seen, c, node);
      switch (c.block.fullName()) {
        case "logging", "tracing" -> disallowed(s, c, node);
        case "foreach" -> validateForeach(s, c, node);
        case JalloyConstants.BLOCK -> {
          node.checked = null; // no component schema: checked here
          node.diags.addAll(JalloyConstants.check(c.block, c.file, s.root));
        }
        case "argument", "export" -> {
          if (s.root) {
            node.diags.add(
                c.errorAtBlock(c.block.fullName() + " blocks only allowed inside a module"));
          }
          missingLabel(c, node);
        }
        default -> missingLabel(c, node); // import.*
      }
      s.nodes.add(node);
    }
  }

  /** Checks a foreach and validates its template as a scope of its own. */
  private void validateForeach(Scope s, Located f, Node node) {
    String name = f.block.fullName();
    if (!minStability.allows(FOREACH_STABILITY)) {
      node.diags.add(
          f.errorAtName(
              Utf8.length(name),
              minStability.belowMinimumMessage(
                  "foreach block \"" + name + "\"", FOREACH_STABILITY)));
    }
    missingLabel(f, node);
    List<Stmt> rest = new ArrayList<>();
    BlockStmt template = null;
    for (Stmt stmt : f.block.body()) {
      if (stmt instanceof BlockStmt b && b.fullName().equals("template")) {
        template = b; // the last one wins, as in Alloy
      } else {
        rest.add(stmt);
      }
    }
    node.checked =
        new BlockStmt(
            f.block.name(),
            f.block.namePos(),
            f.block.label(),
            f.block.labelPos(),
            rest,
            f.block.lcurlyPos(),
            f.block.rcurlyPos());
    if (template == null) {
      node.diags.add(f.errorAtBlock("missing required block \"template\""));
      return;
    }
    Scope body = new Scope(s.root, true);
    classify(body, blocksOf(node, template.body(), f.file));
    validate(body);
    node.inner = body;
  }

  private static void validateComponents(Scope s) {
    Map<String, Located> seen = new HashMap<>();
    for (Located c : s.components) {
      Node node = new Node(Kind.COMPONENT, c, c.block);
      String name = c.block.fullName();
      if (c.block.label().isEmpty()) {
        node.diags.add(
            c.errorAtName(Utf8.length(name), "component \"" + name + "\" must have a label"));
      }
      alreadyDefined(seen, c, node);
      s.nodes.add(node);
    }
  }

  private static void validateServices(Scope s) {
    Map<String, Located> seen = new HashMap<>();
    for (Located c : s.services) {
      Node node = new Node(Kind.SERVICE, c, c.block);
      alreadyDefined(seen, c, node);
      disallowed(s, c, node);
      String id = blockId(c.block);
      if (!SERVICES.get(id)) {
        node.diags.add(c.errorAtBlock("service \"" + id + "\" does not support being configured"));
        node.checked = null;
      }
      s.nodes.add(node);
    }
  }

  private static void alreadyDefined(Map<String, Located> seen, Located b, Node node) {
    String id = blockId(b.block);
    Located first = seen.putIfAbsent(id, b);
    if (first != null) {
      String where = first.file.position(first.block.start()).toString();
      node.diags.add(
          b.errorAtName(Utf8.length(id), "block " + id + " already declared at " + where));
    }
  }

  private static void disallowed(Scope s, Located b, Node node) {
    String id = blockId(b.block);
    if (!s.root) {
      node.diags.add(b.errorAtName(Utf8.length(id), id + " not allowed in module"));
    } else if (s.foreach) {
      node.diags.add(b.errorAtName(Utf8.length(id), id + " not allowed in foreach"));
    }
  }

  private static void missingLabel(Located b, Node node) {
    if (b.block.label().isEmpty()) {
      String name = b.block.fullName();
      node.diags.add(b.errorAtName(Utf8.length(name), name + " block must have a label"));
    }
  }

  // ---- reporting (Alloy's validateGraph) -------------------------------------------------------

  private void emit(Scope s, Diagnostics out) {
    for (Node node : s.nodes) {
      node.diags.forEach(out::add);
      if (node.checked != null) {
        schema.check(role(node.kind), node.checked, node.located.file, out);
      }
      if (node.inner != null) {
        emit(node.inner, out);
      }
    }
  }

  private static SchemaChecks.Role role(Kind kind) {
    return switch (kind) {
      case CONFIG -> SchemaChecks.Role.CONFIG;
      case FOREACH -> SchemaChecks.Role.FOREACH;
      case DECLARE -> throw new IllegalStateException("declare blocks have no schema");
      case SERVICE -> SchemaChecks.Role.SERVICE;
      case COMPONENT -> SchemaChecks.Role.COMPONENT;
    };
  }

  /** {@code name.parts.label}, or the name alone for an unlabelled block. */
  private static String blockId(BlockStmt block) {
    return block.label().isEmpty() ? block.fullName() : block.fullName() + "." + block.label();
  }
}
