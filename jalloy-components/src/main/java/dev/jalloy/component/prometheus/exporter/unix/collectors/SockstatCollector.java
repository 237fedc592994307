package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * node_exporter's {@code sockstat} collector: {@code /proc/net/sockstat} and {@code
 * /proc/net/sockstat6} as {@code node_sockstat_<PROTO>_<state>}; a {@code mem} in pages also
 * appears as {@code mem_bytes}. Either file may be missing (no IPv6, no IPv4) without an error.
 */
public final class SockstatCollector implements NodeCollector {
  // os.Getpagesize() in node_exporter; 4 KiB on the platforms jalloy ships for
  static final long PAGE_SIZE = 4096;
  private static final String[] KEYS = {"inuse", "orphan", "tw", "alloc", "mem", "memory"};

  private final HostPaths paths;

  /** Reads {@code net/sockstat} and {@code net/sockstat6} under {@code paths.procfs()}. */
  public SockstatCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "sockstat";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    parse(sink, "sockstat", false);
    parse(sink, "sockstat6", true);
  }

  private void parse(MetricSink sink, String file, boolean v6) throws IOException {
    String text;
    try {
      text = HostFiles.readWhole(paths.proc("net", file));
    } catch (NoSuchFileException e) {
      return;
    }
    for (String line : ProcText.lines(text)) {
      String[] f = line.split(" ", -1);
      if (f.length < 3) {
        throw new IOException("malformed sockstat line: " + line);
      }
      if ((f.length - 1) % 2 != 0) {
        throw new IOException("odd number of fields in key/value pairs: " + line);
      }
      if (f[0].equals("sockets:")) {
        if (!v6) {
          for (int i = 1; i < f.length; i += 2) {
            if (f[i].equals("used")) {
              sink.gauge(
                  "node_sockstat_sockets_used",
                  "Number of IPv4 sockets in use.",
                  Long.parseLong(f[i + 1]));
            }
          }
        }
        continue;
      }
      String protocol = f[0].endsWith(":") ? f[0].substring(0, f[0].length() - 1) : f[0];
      long[] values = new long[KEYS.length];
      boolean[] present = new boolean[KEYS.length];
      present[0] = true; // inuse is always reported
      for (int i = 1; i < f.length; i += 2) {
        for (int k = 0; k < KEYS.length; k++) {
          if (KEYS[k].equals(f[i])) {
            values[k] = Long.parseLong(f[i + 1]);
            present[k] = true;
          }
        }
      }
      for (int k = 0; k < KEYS.length; k++) {
        if (present[k]) {
          emit(sink, protocol, KEYS[k], values[k]);
        }
      }
      if (present[4]) {
        emit(sink, protocol, "mem_bytes", values[4] * PAGE_SIZE);
      }
    }
  }

  private static void emit(MetricSink sink, String protocol, String state, long value) {
    sink.gauge(
        "node_sockstat_" + protocol + "_" + state,
        "Number of " + protocol + " sockets in state " + state + ".",
        value);
  }
}
