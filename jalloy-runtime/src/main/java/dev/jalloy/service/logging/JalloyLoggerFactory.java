package dev.jalloy.service.logging;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** SLF4J's logger factory: one logger per name, all writing through one {@link LoggingService}. */
final class JalloyLoggerFactory implements ILoggerFactory {
  private final LoggingService service;
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

  JalloyLoggerFactory(LoggingService service) {
    this.service = service;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(
        name, n -> new JalloyLogger(service, n, List.of(), isThirdParty(n)));
  }

  /** Everything outside jalloy's own packages is a library, held at warn unless level=debug. */
  static boolean isThirdParty(String loggerName) {
    return !(loggerName.equals("dev.jalloy") || loggerName.startsWith("dev.jalloy."));
  }
}
