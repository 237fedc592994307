package dev.jalloy.cli;

import dev.jalloy.component.Registration;
import dev.jalloy.component.Stability;
import dev.jalloy.runtime.ComponentRegistry;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.decode.StructureCheck;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.token.Utf8;
import java.util.Map;
import java.util.Optional;

/**
 * Schema checks backed by the component registry: a component must exist and be allowed at the
 * stability level in force, and its body must fit its arguments record ({@link StructureCheck}).
 * Service blocks are checked against their own records. Nothing is evaluated.
 */
final class RegistrySchemaChecks implements SchemaChecks {
  private final ComponentRegistry registry;
  private final Map<String, Class<? extends Record>> serviceBlocks;
  private final Stability minimum;

  RegistrySchemaChecks(
      ComponentRegistry registry,
      Map<String, Class<? extends Record>> serviceBlocks,
      Stability minimum) {
    this.registry = registry;
    this.serviceBlocks = Map.copyOf(serviceBlocks);
    this.minimum = minimum;
  }

  @Override
  public void check(Role role, BlockStmt block, SourceFile file, Diagnostics out) {
    String name = block.fullName();
    switch (role) {
      case COMPONENT -> {
        Optional<Registration<?>> registration = registry.get(name);
        if (registration.isEmpty()) {
          out.add(
              nameError(
                  block, file, "cannot find the definition of component name \"" + name + "\""));
          return;
        }
        Stability stability = registration.get().stability();
        if (!minimum.allows(stability)) {
          out.add(nameError(block, file, minimum.belowMinimumMessage(name, stability)));
          return;
        }
        out.addAll(
            StructureCheck.check(
                block.body(),
                registration.get().arguments(),
                file,
                block.namePos(),
                block.lcurlyPos()));
      }
      case SERVICE -> {
        Class<? extends Record> arguments = serviceBlocks.get(name);
        if (arguments != null) {
          out.addAll(
              StructureCheck.check(
                  block.body(), arguments, file, block.namePos(), block.lcurlyPos()));
        }
      }
      default -> {}
    }
  }

  private static Diagnostic nameError(BlockStmt block, SourceFile file, String message) {
    return Diagnostic.error(
        file.position(block.namePos()),
        file.position(block.namePos() + Utf8.length(block.fullName()) - 1),
        message);
  }
}
