package dev.jalloy.runtime;

import dev.jalloy.component.Registration;
import dev.jalloy.component.Stability;
import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.Ident;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.ast.Traversals;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.token.Utf8;
import dev.jalloy.syntax.vm.StdlibUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the files of a configuration into the component graph, or into diagnostics: parse errors,
 * top-level attributes, unknown or unlabelled components, duplicate ids, components below the
 * allowed stability level, references to nothing, self references and cycles. Any of these leaves a
 * running graph untouched, as in Alloy.
 *
 * <p>References are found as Alloy finds them: every dotted chain in a block's expressions is
 * matched against component ids by its shortest prefix ({@code a}, {@code a.b}, ...); the rest of
 * the chain is field access into that component's exports.
 */
final class GraphBuilder {
  /** Alloy blocks jalloy does not run yet: reported as such rather than as unknown components. */
  private static final Set<String> NOT_YET_SUPPORTED =
      Set.of(
          "declare",
          "argument",
          "export",
          "foreach",
          "import.file",
          "import.string",
          "import.http",
          "import.git",
          "tracing",
          "remotecfg");

  private static final String CONSTANTS = "constants";
  private static final String MODULE_PATH = "module_path";

  record ComponentBlock(
      String id,
      String label,
      List<String> fragments,
      Registration<?> registration,
      BlockStmt block,
      SourceFile file) {}

  record ServiceBlockUse(BlockStmt block, SourceFile file) {}

  record ConstantsBlock(BlockStmt block, SourceFile file) {}

  /** A block and the file its positions refer to. */
  private record Located(BlockStmt block, SourceFile file) {}

  record Built(
      Graph graph,
      List<ComponentBlock> components,
      Map<String, ServiceBlockUse> services,
      Optional<ConstantsBlock> constants,
      Diagnostics diagnostics) {}

  private final ComponentRegistry registry;
  private final Set<String> serviceNames;
  private final Stdlib stdlib;
  private final Stability minimumStability;

  GraphBuilder(
      ComponentRegistry registry,
      Set<String> serviceNames,
      Stdlib stdlib,
      Stability minimumStability) {
    this.registry = registry;
    this.serviceNames = serviceNames;
    this.stdlib = stdlib;
    this.minimumStability = minimumStability;
  }

  Built build(List<SourceFile> files) {
    Diagnostics diags = new Diagnostics();
    List<ComponentBlock> components = new ArrayList<>();
    Map<String, ServiceBlockUse> services = new LinkedHashMap<>();
    Optional<ConstantsBlock> constants = Optional.empty();
    Map<String, Located> declared = new LinkedHashMap<>();

    List<Located> blocks = new ArrayList<>();
    for (SourceFile file : files) {
      ParseResult parsed = Parser.parse(file);
      diags.addAll(parsed.diagnostics());
      if (parsed.hasErrors()) {
        continue;
      }
      for (Stmt stmt : parsed.file().body()) {
        switch (stmt) {
          case AttributeStmt attr ->
              diags.add(
                  Diagnostic.error(
                      file.position(attr.name().start()),
                      file.position(attr.name().end() - 1),
                      "unrecognized attribute " + attr.name().name()));
          case BlockStmt block -> blocks.add(new Located(block, file));
        }
      }
    }
    if (diags.hasErrors()) {
      return new Built(new Graph(), List.of(), Map.of(), Optional.empty(), diags);
    }

    for (Located l : blocks) {
      BlockStmt block = l.block();
      SourceFile file = l.file();
      String name = block.fullName();
      String id = block.id();
      Located earlier = declared.putIfAbsent(id, l);
      if (earlier != null) {
        diags.add(
            nameError(
                l,
                "block "
                    + id
                    + " already declared at "
                    + earlier.file().position(earlier.block().namePos())));
        continue;
      }
      if (serviceNames.contains(name)) {
        if (block.hasLabel()) {
          diags.add(nameError(l, "block \"" + name + "\" does not support specifying labels"));
        } else {
          services.put(name, new ServiceBlockUse(block, file));
        }
        continue;
      }
      if (name.equals(CONSTANTS) && !block.hasLabel()) {
        constants = Optional.of(new ConstantsBlock(block, file));
        diags.add(
            Diagnostic.warning(
                file.position(block.namePos()),
                file.position(block.namePos() + CONSTANTS.length() - 1),
                "the constants block is a jalloy extension that sets constants.hostname for this"
                    + " configuration; Alloy rejects it"));
        continue;
      }
      if (NOT_YET_SUPPORTED.contains(name)) {
        diags.add(nameError(l, "jalloy does not support the \"" + name + "\" block yet"));
        continue;
      }
      Optional<Registration<?>> registration = registry.get(name);
      if (registration.isEmpty()) {
        diags.add(nameError(l, "cannot find the definition of component name \"" + name + "\""));
        continue;
      }
      if (block.label().isEmpty()) {
        diags.add(nameError(l, "component \"" + name + "\" must have a label"));
        continue;
      }
      Stability stability = registration.get().stability();
      if (!minimumStability.allows(stability)) {
        diags.add(nameError(l, minimumStability.belowMinimumMessage(name, stability)));
        continue;
      }
      List<String> fragments = new ArrayList<>(block.name());
      fragments.add(block.label());
      components.add(
          new ComponentBlock(id, block.label(), fragments, registration.get(), block, file));
    }

    Graph graph = new Graph();
    Set<String> componentIds = new HashSet<>();
    Set<String> roots = new HashSet<>();
    for (ComponentBlock c : components) {
      graph.addNode(c.id());
      componentIds.add(c.id());
      roots.add(c.fragments().getFirst());
    }
    for (String service : services.keySet()) {
      graph.addNode(service);
    }
    for (ComponentBlock c : components) {
      link(graph, c.id(), c.block(), c.file(), componentIds, roots, diags);
    }
    for (Map.Entry<String, ServiceBlockUse> s : services.entrySet()) {
      link(
          graph, s.getKey(), s.getValue().block(), s.getValue().file(), componentIds, roots, diags);
    }
    for (List<String> cycle : graph.cycles()) {
      String message = "cycle detected: " + String.join(", ", cycle);
      for (String id : cycle) {
        Located l = declared.get(id);
        diags.add(nameError(l, message));
      }
    }
    return new Built(graph, components, services, constants, diags);
  }

  /** Adds the edges of one block's references, reporting references to nothing. */
  private void link(
      Graph graph,
      String id,
      BlockStmt block,
      SourceFile file,
      Set<String> componentIds,
      Set<String> roots,
      Diagnostics diags) {
    diags.addAll(
        StdlibUsage.check(block.body(), file, roots::contains, minimumStability.flagValue()));
    for (List<Ident> chain : Traversals.of(block.body())) {
      StringBuilder prefix = new StringBuilder();
      String target = null;
      for (Ident ident : chain) {
        if (!prefix.isEmpty()) {
          prefix.append('.');
        }
        prefix.append(ident.name());
        if (componentIds.contains(prefix.toString())) {
          target = prefix.toString();
          break;
        }
      }
      int start = chain.getFirst().start();
      int end = chain.getLast().start();
      if (target == null) {
        String root = chain.getFirst().name();
        if (stdlib.lookup(root).isEmpty() && !root.equals(CONSTANTS) && !root.equals(MODULE_PATH)) {
          diags.add(
              Diagnostic.error(
                  file.position(start),
                  file.position(end),
                  "component \""
                      + Traversals.text(chain)
                      + "\" does not exist or is out of scope"));
        }
        continue;
      }
      if (target.equals(id)) {
        diags.add(
            Diagnostic.error(
                file.position(block.namePos()),
                file.position(block.namePos() + Utf8.length(block.fullName()) - 1),
                "cannot reference self"));
        continue;
      }
      graph.addEdge(id, target);
      // `x.receiver` (in forward_to) sends data to x; any other export is data read from x.
      int used = target.split("\\.").length;
      boolean receiver = chain.size() > used && chain.get(used).name().equals("receiver");
      if (receiver) {
        graph.addDataFlow(id, target);
      } else {
        graph.addDataFlow(target, id);
      }
    }
  }

  /** An error spanning a block's name, where Alloy puts graph errors. */
  private static Diagnostic nameError(Located l, String message) {
    BlockStmt block = l.block();
    return Diagnostic.error(
        l.file().position(block.namePos()),
        l.file().position(block.namePos() + Utf8.length(block.fullName()) - 1),
        message);
  }
}
