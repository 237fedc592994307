package dev.jalloy.component.prometheus.remotewrite.wire;

import java.time.Duration;
import java.util.Optional;

/** What became of one remote write request: what the queue does next depends only on this. */
public sealed interface SendResult {
  /** The receiver took the batch (2xx). */
  record Success(int status) implements SendResult {}

  /**
   * Worth sending again after a backoff: a 5xx, a 429 (when retrying those is on), a timeout or a
   * connection error.
   *
   * @param status the HTTP status, or 0 when no response arrived
   * @param message the start of the response body, or the I/O error
   * @param retryAfter the server's {@code Retry-After}, when it sent a usable one
   */
  record Retryable(int status, String message, Optional<Duration> retryAfter)
      implements SendResult {}

  /**
   * Sending again would fail the same way (other 4xx and anything else): drop the batch and count
   * it.
   */
  record Failed(int status, String message) implements SendResult {}
}
