package dev.jalloy.service.logging;

import dev.jalloy.syntax.decode.Attr;
import java.util.List;
import java.util.Objects;

/**
 * The {@code logging} block.
 *
 * <pre>
 * logging {
 *   level    = "info"    // error | warn | info | debug
 *   format   = "logfmt"  // logfmt | json
 *   write_to = [loki.write.default.receiver]
 * }
 * </pre>
 *
 * <p>An empty string means the default, as in Alloy. An unknown value is rejected with Alloy's
 * message ({@code unrecognized log level "verbose"}), which the decoder reports at the block.
 *
 * @param level the least severe level printed
 * @param format the line format
 * @param destination where lines go: {@code stderr}, or {@code windows_event_log}, which only a
 *     Windows service can use and {@link LoggingService#apply} rejects here as Alloy does off
 *     Windows
 * @param writeTo receivers that also get every line. Stored but not used yet: teeing the lines into
 *     {@code loki.*} receivers comes with the log pipeline, whose {@code LogsReceiver} type will
 *     then replace {@code Object} here (today any capsule is accepted)
 */
public record LoggingArguments(
    @Attr(value = "level", optional = true) String level,
    @Attr(value = "format", optional = true) String format,
    @Attr(value = "destination", optional = true) String destination,
    @Attr(value = "write_to", optional = true) List<Object> writeTo) {

  static final String STDERR = "stderr";
  static final String WINDOWS_EVENT_LOG = "windows_event_log";

  /** Normalises empty values to the defaults and rejects unknown ones. */
  public LoggingArguments {
    level = orDefault(level, LogLevel.INFO.text());
    format = orDefault(format, LogFormat.LOGFMT.text());
    destination = orDefault(destination, STDERR);
    // Alloy skips nil receivers rather than failing on them.
    writeTo = writeTo == null ? List.of() : writeTo.stream().filter(Objects::nonNull).toList();
    if (LogLevel.parse(level).isEmpty()) {
      throw new IllegalArgumentException("unrecognized log level \"" + level + "\"");
    }
    if (LogFormat.parse(format).isEmpty()) {
      throw new IllegalArgumentException("unrecognized log format \"" + format + "\"");
    }
    if (!destination.equals(STDERR) && !destination.equals(WINDOWS_EVENT_LOG)) {
      throw new IllegalArgumentException("unrecognized log destination \"" + destination + "\"");
    }
  }

  /** Level {@code info}, format {@code logfmt}, to stderr, no receivers. */
  public static LoggingArguments defaults() {
    return new LoggingArguments("info", "logfmt", STDERR, List.of());
  }

  LogLevel logLevel() {
    return LogLevel.parse(level).orElseThrow();
  }

  LogFormat logFormat() {
    return LogFormat.parse(format).orElseThrow();
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
