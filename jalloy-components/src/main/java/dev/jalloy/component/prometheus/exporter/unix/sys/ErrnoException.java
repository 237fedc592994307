package dev.jalloy.component.prometheus.exporter.unix.sys;

import java.io.IOException;

/** A failed libc call: the call, and the errno it set. */
public final class ErrnoException extends IOException {
  private static final long serialVersionUID = 1L;

  /** {@code EPERM}: the caller lacks a capability. */
  public static final int EPERM = 1;

  private final int errno;

  /** A failure of {@code call} with {@code errno}. */
  public ErrnoException(String call, int errno) {
    super(call + ": " + Errno.name(errno));
    this.errno = errno;
  }

  /** The errno value. */
  public int errno() {
    return errno;
  }
}
