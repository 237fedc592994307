package dev.jalloy.service.logging;

import java.util.Optional;

/** The two line formats of the {@code logging} block's {@code format} attribute. */
enum LogFormat {
  LOGFMT("logfmt"),
  JSON("json");

  private final String text;

  LogFormat(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  static Optional<LogFormat> parse(String text) {
    for (LogFormat f : values()) {
      if (f.text.equals(text)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
