package dev.jalloy.service.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Makes {@link LoggingService#global()} the SLF4J backend of the process, so that libraries (Jetty,
 * gRPC, the Kubernetes client) print Alloy-style lines too. Found by SLF4J through {@code
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 */
public final class JalloyServiceProvider implements SLF4JServiceProvider {
  /** The SLF4J API version this backend is written against. */
  public static final String REQUESTED_API_VERSION = "2.0.99";

  private ILoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  /** Called by SLF4J's service loader. */
  public JalloyServiceProvider() {}

  @Override
  public void initialize() {
    LoggingService service = LoggingService.global();
    loggerFactory = service.loggerFactory();
    markerFactory = new BasicMarkerFactory();
    mdcAdapter = service.mdc();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return REQUESTED_API_VERSION;
  }
}
