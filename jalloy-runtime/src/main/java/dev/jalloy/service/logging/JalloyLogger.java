package dev.jalloy.service.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger writing through a {@link LoggingService}. Its context fields ({@code
 * component_path}, {@code component_id}) come right after {@code msg}, then MDC entries, then the
 * key/values given with SLF4J 2's fluent API ({@code logger.atInfo().addKeyValue("path",
 * p).log("...")}), then {@code err} for an exception. Markers are ignored; Alloy has no such thing.
 */
final class JalloyLogger extends LegacyAbstractLogger implements LoggingEventAware {
  private static final long serialVersionUID = 1L;

  // Loggers are never serialized in practice; LegacyAbstractLogger is Serializable and resolves to
  // LoggerFactory.getLogger(name) on deserialization, so these need not survive it.
  private final transient LoggingService service;
  private final transient List<LogRecord.Field> context;
  private final boolean thirdParty;

  JalloyLogger(
      LoggingService service, String name, List<LogRecord.Field> context, boolean thirdParty) {
    this.service = service;
    this.name = name;
    this.context = context;
    this.thirdParty = thirdParty;
  }

  @Override
  public boolean isTraceEnabled() {
    return false; // Alloy has no trace level
  }

  @Override
  public boolean isDebugEnabled() {
    return service.enabled(LogLevel.DEBUG, thirdParty);
  }

  @Override
  public boolean isInfoEnabled() {
    return service.enabled(LogLevel.INFO, thirdParty);
  }

  @Override
  public boolean isWarnEnabled() {
    return service.enabled(LogLevel.WARN, thirdParty);
  }

  @Override
  public boolean isErrorEnabled() {
    return service.enabled(LogLevel.ERROR, thirdParty);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null; // caller data is never printed
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    emit(level, pattern, arguments, throwable, List.of());
  }

  /** The fluent API's path: the only one that carries key/value pairs. */
  @Override
  public void log(LoggingEvent event) {
    emit(
        event.getLevel(),
        event.getMessage(),
        event.getArgumentArray(),
        event.getThrowable(),
        event.getKeyValuePairs());
  }

  private void emit(
      Level slf4jLevel,
      String pattern,
      Object[] arguments,
      Throwable throwable,
      List<KeyValuePair> pairs) {
    Optional<LogLevel> level = LogLevel.of(slf4jLevel);
    if (level.isEmpty() || !service.enabled(level.get(), thirdParty)) {
      return;
    }
    // Without an explicit cause a trailing Throwable argument is taken as one, as SLF4J documents.
    FormattingTuple formatted =
        throwable == null
            ? MessageFormatter.arrayFormat(pattern, arguments)
            : MessageFormatter.arrayFormat(pattern, arguments, throwable);
    String message = formatted.getMessage() == null ? "" : formatted.getMessage();
    Throwable error = formatted.getThrowable();

    Map<String, String> mdc = service.mdcEntries();
    int size = context.size() + mdc.size() + (pairs == null ? 0 : pairs.size()) + 2;
    List<LogRecord.Field> fields = new ArrayList<>(size);
    fields.addAll(context);
    mdc.forEach((k, v) -> fields.add(new LogRecord.Field(k, v)));
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        fields.add(new LogRecord.Field(p.key, p.value));
      }
    }
    if (error != null) {
      fields.add(new LogRecord.Field("err", LineEncoder.describe(error)));
      // The stack trace only helps someone debugging jalloy itself, who runs at level=debug.
      if (service.enabled(LogLevel.DEBUG, false)) {
        fields.add(new LogRecord.Field("stacktrace", stackTrace(error)));
      }
    }
    service.log(new LogRecord(service.clock().instant(), level.get(), message, fields, thirdParty));
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString().stripTrailing();
  }
}
