package dev.jalloy.component.loki.source.file;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Optional;

/**
 * What every tailer of one component shares.
 *
 * @param charset the configured encoding; empty for UTF-8 that switches on a UTF-16 BOM
 * @param maxLineBytes the longest line kept whole
 * @param minPoll the first wait at end of file
 * @param maxPoll the longest wait at end of file; the wait doubles up to it while nothing changes
 * @param tailFromEnd start at the end of files without a stored position
 * @param onPositionsError what to do when a stored position is unusable
 * @param maxBatchLines the most lines handed to {@code forward_to} in one call
 */
record TailerSettings(
    Optional<Charset> charset,
    int maxLineBytes,
    Duration minPoll,
    Duration maxPoll,
    boolean tailFromEnd,
    PositionsErrorPolicy onPositionsError,
    int maxBatchLines) {

  /** {@code on_positions_file_error}. */
  enum PositionsErrorPolicy {
    /** Read the file again from its first byte: duplicates, never loss. */
    RESTART_FROM_BEGINNING,
    /** Start at the end of the file: no duplicates, lines written meanwhile are lost. */
    RESTART_FROM_END,
    /** Do not tail the file. */
    SKIP;

    static PositionsErrorPolicy parse(String s) {
      return switch (s) {
        case "", "restart_from_beginning" -> RESTART_FROM_BEGINNING;
        case "restart_from_end" -> RESTART_FROM_END;
        case "skip" -> SKIP;
        default ->
            throw new IllegalArgumentException(
                "on_positions_file_error must be one of restart_from_beginning, restart_from_end,"
                    + " skip; got \""
                    + s
                    + "\"");
      };
    }
  }
}
