package dev.jalloy.component.prometheus.exporter.unix.sys;

/** Names for the errno values the bound calls return, as Go prints them in node_exporter's logs. */
final class Errno {
  private Errno() {}

  static String name(int errno) {
    return switch (errno) {
      case 1 -> "operation not permitted (EPERM)";
      case 2 -> "no such file or directory (ENOENT)";
      case 5 -> "input/output error (EIO)";
      case 13 -> "permission denied (EACCES)";
      case 14 -> "bad address (EFAULT)";
      case 20 -> "not a directory (ENOTDIR)";
      case 22 -> "invalid argument (EINVAL)";
      case 38 -> "function not implemented (ENOSYS)";
      case 107 -> "transport endpoint is not connected (ENOTCONN)";
      case 116 -> "stale NFS file handle (ESTALE)";
      default -> "errno " + errno;
    };
  }
}
