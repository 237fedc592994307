package dev.jalloy.component.prometheus.remotewrite.wire;

import java.io.IOException;

/** A body that is not a snappy-compressed {@code WriteRequest}; a receiver answers 400. */
public final class MalformedRequestException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedRequestException(String message) {
    super(message);
  }

  public MalformedRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
