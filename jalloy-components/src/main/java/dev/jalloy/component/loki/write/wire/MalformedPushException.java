package dev.jalloy.component.loki.write.wire;

/** A push body that does not decode; a receiver answers 400 with the message. */
public final class MalformedPushException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With the reason, worded for the client that sent the body. */
  public MalformedPushException(String message) {
    super(message);
  }

  /** With the reason and the decoder's own error. */
  public MalformedPushException(String message, Throwable cause) {
    super(message, cause);
  }
}
