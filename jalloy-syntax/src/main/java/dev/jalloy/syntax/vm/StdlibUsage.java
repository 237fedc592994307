package dev.jalloy.syntax.vm;

import dev.jalloy.syntax.ast.Ident;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.ast.Traversals;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import java.util.List;
import java.util.function.Predicate;

/**
 * Load-time checks on how a body uses the standard library: a deprecated top-level alias ({@code
 * env}, {@code format}, ...) is a warning naming its replacement; an experimental function ({@code
 * array.combine_maps}, {@code array.group_by}) is an error unless experimental features are
 * enabled. A name the configuration itself defines (a component shadowing {@code string}) is not
 * the standard library's and is left alone.
 */
public final class StdlibUsage {
  private StdlibUsage() {}

  /**
   * @param definedHere whether a root identifier is defined by the configuration (components,
   *     arguments), which hides the standard library's name
   * @param minimumStability the {@code --stability.level} in force, e.g. {@code
   *     generally-available}; experimental functions are allowed only at {@code experimental}
   */
  public static Diagnostics check(
      List<Stmt> body, SourceFile source, Predicate<String> definedHere, String minimumStability) {
    Diagnostics diags = new Diagnostics();
    for (List<Ident> chain : Traversals.of(body)) {
      String root = chain.getFirst().name();
      if (definedHere.test(root)) {
        continue;
      }
      int start = chain.getFirst().start();
      int end = chain.getLast().end() - 1;
      if (Stdlib.isDeprecated(root)) {
        String replacement = Stdlib.replacementFor(root).orElse("");
        diags.add(
            Diagnostic.warning(
                source.position(start),
                source.position(end),
                "the standard library function \""
                    + root
                    + "\" is deprecated; use \""
                    + replacement
                    + "\" instead"));
        continue;
      }
      String path = Traversals.text(chain);
      for (String experimental : Stdlib.experimentalIdentifiers()) {
        if ((path.equals(experimental) || path.startsWith(experimental + "."))
            && !"experimental".equals(minimumStability)) {
          diags.add(
              Diagnostic.error(
                  source.position(start),
                  source.position(end),
                  experimental
                      + " is at stability level \"experimental\", which is below the minimum"
                      + " allowed stability level \""
                      + minimumStability
                      + "\". Use --stability.level command-line flag to enable \"experimental\""
                      + " features"));
        }
      }
    }
    return diags;
  }
}
