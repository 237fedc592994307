package dev.jalloy.component.loki.write.wire;

/** What became of one push request: what the sender does next depends only on this. */
public sealed interface PushResult {
  /** The backend took the batch (2xx). */
  record Success(int status) implements PushResult {}

  /**
   * Worth sending again after a backoff: a 5xx, a 429 when {@code retry_on_http_429} is on, a
   * timeout or a connection error.
   *
   * @param status the HTTP status, or 0 when no response arrived
   * @param message the first line of the response body, or the I/O error
   */
  record Retryable(int status, String message) implements PushResult {}

  /**
   * Final: drop the batch and count it under {@code reason} ({@code ingester_error} for a 4xx,
   * {@code rate_limited} for a 429 that is not to be retried).
   *
   * @param status the HTTP status
   * @param message the first line of the response body
   * @param reason the {@code loki_write_dropped_entries_total} reason
   */
  record Failed(int status, String message, String reason) implements PushResult {}
}
