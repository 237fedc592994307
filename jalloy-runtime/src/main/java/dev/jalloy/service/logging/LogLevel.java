package dev.jalloy.service.logging;

import java.util.Optional;

/** Alloy's four log levels, least severe first; the names are the {@code level=} values. */
enum LogLevel {
  DEBUG("debug"),
  INFO("info"),
  WARN("warn"),
  ERROR("error");

  private final String text;

  LogLevel(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  boolean atLeast(LogLevel minimum) {
    return compareTo(minimum) >= 0;
  }

  static Optional<LogLevel> parse(String text) {
    for (LogLevel l : values()) {
      if (l.text.equals(text)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * The SLF4J level as an Alloy level. Alloy has no trace level; SLF4J's trace is below debug and
   * never printed, so it maps to nothing.
   */
  static Optional<LogLevel> of(org.slf4j.event.Level level) {
    return switch (level) {
      case TRACE -> Optional.empty();
      case DEBUG -> Optional.of(DEBUG);
      case INFO -> Optional.of(INFO);
      case WARN -> Optional.of(WARN);
      case ERROR -> Optional.of(ERROR);
    };
  }
}
