package dev.jalloy.service.logging;

import org.slf4j.Logger;

/**
 * Loggers whose lines say where they come from, as Alloy's do: {@code ts=... level=info msg="..."
 * component_path=/ component_id=local.file.token key=value}.
 *
 * <p>The controller gives each component {@code forComponent(id)} as its {@code Options.logger()};
 * services use {@link #forService}. The loggers follow the {@code logging} block live.
 */
public final class ComponentLoggers {
  private ComponentLoggers() {}

  /** The logger of a component of the root module. */
  public static Logger forComponent(String componentId) {
    return forComponent("/", componentId);
  }

  /**
   * The logger of a component in a module.
   *
   * @param componentPath {@code /} for the root module, otherwise the module's path as Alloy prints
   *     it
   * @param componentId the component's id within its module, e.g. {@code prometheus.scrape.x}
   */
  public static Logger forComponent(String componentPath, String componentId) {
    return LoggingService.global().forComponent(componentPath, componentId);
  }

  /** The logger of a service ({@code http}, {@code cluster}, ...): lines carry {@code service=}. */
  public static Logger forService(String serviceName) {
    return LoggingService.global()
        .logger("dev.jalloy.service." + serviceName, "service", serviceName);
  }
}
