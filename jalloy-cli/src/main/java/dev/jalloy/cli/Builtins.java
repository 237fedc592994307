package dev.jalloy.cli;

import dev.jalloy.component.all.BuiltinComponents;
import dev.jalloy.runtime.ComponentRegistry;
import dev.jalloy.service.HttpArguments;
import dev.jalloy.service.LiveDebuggingService;
import dev.jalloy.service.logging.LoggingArguments;
import java.util.Map;

/** What the CLI knows of the runtime: the built-in components and the service blocks. */
final class Builtins {
  private Builtins() {}

  /** The built-in component types, built once. */
  static final ComponentRegistry COMPONENTS = ComponentRegistry.of(BuiltinComponents.all());

  /** The service blocks and the records they decode into, for {@code validate}. */
  static final Map<String, Class<? extends Record>> SERVICE_BLOCKS =
      Map.of(
          "logging", LoggingArguments.class,
          "http", HttpArguments.class,
          "livedebugging", LiveDebuggingService.Arguments.class);
}
