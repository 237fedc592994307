package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * node_exporter's {@code udp_queues} collector: the summed {@code tx_queue} and {@code rx_queue} of
 * {@code /proc/net/udp} and {@code /proc/net/udp6}.
 */
public final class UdpQueuesCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads {@code net/udp} and {@code net/udp6} under {@code paths.procfs()}. */
  public UdpQueuesCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "udp_queues";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    MetricSink.Family queues =
        sink.family(
            "node_udp_queues",
            MetricType.GAUGE,
            "Number of allocated memory in the kernel for UDP datagrams in bytes.");
    boolean v4 = summarize(queues, "udp", "v4");
    boolean v6 = summarize(queues, "udp6", "v6");
    if (!v4 && !v6) {
      throw new NoDataException("UDP queue statistics not found");
    }
  }

  private boolean summarize(MetricSink.Family queues, String file, String ip) throws IOException {
    List<String> lines;
    try {
      lines = ProcText.lines(HostFiles.readWhole(paths.proc("net", file)));
    } catch (NoSuchFileException e) {
      return false;
    }
    long tx = 0;
    long rx = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] f = ProcText.fields(lines.get(i));
      if (f.length == 0) {
        continue;
      }
      if (f.length < 5) {
        throw new IOException("couldn't get udp queued bytes: short line in " + file);
      }
      String q = f[4];
      int colon = q.indexOf(':');
      if (colon < 0) {
        throw new IOException("couldn't get udp queued bytes: bad queue field " + q);
      }
      tx += Long.parseUnsignedLong(q.substring(0, colon), 16);
      rx += Long.parseUnsignedLong(q.substring(colon + 1), 16);
    }
    queues.add(ProcText.unsignedToDouble(tx), "queue", "tx", "ip", ip);
    queues.add(ProcText.unsignedToDouble(rx), "queue", "rx", "ip", ip);
    return true;
  }
}
