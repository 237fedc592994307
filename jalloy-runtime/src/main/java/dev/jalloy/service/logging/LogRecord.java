package dev.jalloy.service.logging;

import java.time.Instant;
import java.util.List;

/**
 * One log line before it is formatted. Kept in this form while the {@code logging} block has not
 * been applied yet, so that it can be written in the format that block chooses.
 *
 * @param time when it was logged
 * @param level its level
 * @param message the {@code msg} value; left out of the line when empty, as Alloy does
 * @param fields the key/value pairs after {@code msg}, in order: the logger's context ({@code
 *     component_path}, {@code component_id}), MDC entries, the event's own pairs, {@code err}
 * @param thirdParty whether a library logged it rather than jalloy (libraries are quieter)
 */
record LogRecord(
    Instant time, LogLevel level, String message, List<Field> fields, boolean thirdParty) {

  /** A key and its value; the value is formatted when the line is written. */
  record Field(String key, Object value) {}
}
