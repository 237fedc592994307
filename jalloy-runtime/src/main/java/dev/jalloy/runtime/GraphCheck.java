package dev.jalloy.runtime;

import dev.jalloy.component.Stability;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import java.util.List;
import java.util.Set;

/**
 * What a load would report before evaluating anything — unknown components, references to nothing,
 * self references, cycles, stability gating — without building or running anything. Used by {@code
 * validate}.
 */
public final class GraphCheck {
  private GraphCheck() {}

  public static Diagnostics check(
      List<SourceFile> files,
      ComponentRegistry registry,
      Set<String> serviceBlockNames,
      Stdlib stdlib,
      Stability minimumStability) {
    return new GraphBuilder(registry, serviceBlockNames, stdlib, minimumStability)
        .build(files)
        .diagnostics();
  }
}
