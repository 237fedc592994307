package dev.jalloy.component.prometheus.exporter.unix.collectors;

import java.io.IOException;

/** Line checks shared by the {@code nfs} and {@code nfsd} collectors, after procfs's parser. */
final class Nfsd {
  private Nfsd() {}

  static double[] values(String[] f, int from, int to) throws IOException {
    double[] v = new double[to - from];
    for (int i = from; i < to; i++) {
      try {
        v[i - from] = ProcText.u64(f[i]);
      } catch (NumberFormatException e) {
        throw new IOException("error parsing NFS metric line: " + String.join(" ", f), e);
      }
    }
    return v;
  }

  static void exactly(double[] v, double[] into, String line) throws IOException {
    if (v.length != into.length) {
      throw new IOException("errors parsing NFS metric line: invalid line " + line);
    }
    System.arraycopy(v, 0, into, 0, v.length);
  }

  /** A {@code procN} line: a count, then that many values, at least {@code min} of them. */
  static void procedures(double[] v, double[] into, int min, String line) throws IOException {
    int n = (int) v[0];
    if (v.length - 1 != n || n < min) {
      throw new IOException("errors parsing NFS metric line: invalid stats line " + line);
    }
    System.arraycopy(v, 1, into, 0, Math.min(into.length, n));
  }
}
