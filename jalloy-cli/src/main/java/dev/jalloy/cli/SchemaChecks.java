package dev.jalloy.cli;

import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.token.SourceFile;

/**
 * The checks {@link ConfigValidator} cannot do from the syntax tree alone: looking a component name
 * up in the registry ({@code cannot find the definition of component name "x"}), decoding a block
 * against its arguments schema ({@code missing required attribute "x"}, {@code unrecognized
 * attribute name "x"}, type errors), and the stability level of components and standard library
 * functions.
 *
 * <p>This is the extension point for the component runtime: when the registry and the decoder
 * exist, an implementation backed by them is passed to the validator. Until then {@link #NONE} is
 * used, and the validator reports only the structural problems it can see itself. The validator
 * calls this for every block right after the block's own structural diagnostics, which is where
 * Alloy's validator puts its type-check results, so the output order stays Alloy's.
 *
 * <p>Reference checks ({@code component "x" does not exist or is out of scope}) and cycle detection
 * need the dependency graph and belong beside this when the runtime's graph lands.
 */
interface SchemaChecks {

  /** What a block is to the loader, which decides which schema applies. */
  enum Role {
    /** {@code logging}, {@code tracing}, {@code argument}, {@code export}, {@code import.*}. */
    CONFIG,
    /** {@code foreach}; the block passed has its {@code template} removed, as in Alloy. */
    FOREACH,
    /** A service block: {@code http}, {@code livedebugging}, {@code remotecfg}. */
    SERVICE,
    /** A component, built-in or custom (declared or imported). */
    COMPONENT
  }

  /** Adds the schema problems of one block to {@code out}. */
  void check(Role role, BlockStmt block, SourceFile file, Diagnostics out);

  /** No schema checks: the component registry and decoder are not built yet. */
  SchemaChecks NONE = (role, block, file, out) -> {};
}
