package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * node_exporter's {@code ipvs} collector: totals from {@code /proc/net/ip_vs_stats} and backend
 * connections and weights from {@code /proc/net/ip_vs}, summed over backends that share the chosen
 * label values. Without the ip_vs module there are no files: no data.
 */
public final class IpvsCollector implements NodeCollector {
  /** node_exporter's {@code --collector.ipvs.backend-labels} default, in order. */
  public static final List<String> DEFAULT_BACKEND_LABELS =
      List.of(
          "local_address", "local_port", "remote_address", "remote_port", "proto", "local_mark");

  private static final Set<String> VALID = Set.copyOf(DEFAULT_BACKEND_LABELS);

  private final HostPaths paths;
  private final List<String> backendLabels;

  /**
   * Reads {@code net/ip_vs_stats} and {@code net/ip_vs} under {@code paths.procfs()}.
   *
   * @param backendLabels the backend labels to keep, a subset of {@link #DEFAULT_BACKEND_LABELS}
   * @throws IllegalArgumentException for a label node_exporter does not know
   */
  public IpvsCollector(HostPaths paths, List<String> backendLabels) {
    for (String label : backendLabels) {
      if (!VALID.contains(label)) {
        throw new IllegalArgumentException("unknown IPVS backend label: \"" + label + "\"");
      }
    }
    this.paths = paths;
    this.backendLabels = List.copyOf(backendLabels);
  }

  @Override
  public String name() {
    return "ipvs";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String stats;
    try {
      stats = HostFiles.readWhole(paths.proc("net", "ip_vs_stats"));
    } catch (NoSuchFileException e) {
      throw new NoDataException("ipvs collector metrics are not available for this system");
    }
    String[] lines = stats.split("\n", 4);
    if (lines.length != 4) {
      throw new IOException("could not get IPVS stats: ip_vs_stats corrupt: too short");
    }
    String[] f = ProcText.fields(lines[2]);
    if (f.length != 5) {
      throw new IOException(
          "could not get IPVS stats: ip_vs_stats corrupt: unexpected number of fields");
    }
    sink.counter("node_ipvs_connections_total", "The total number of connections made.", hex(f[0]));
    sink.counter(
        "node_ipvs_incoming_packets_total", "The total number of incoming packets.", hex(f[1]));
    sink.counter(
        "node_ipvs_outgoing_packets_total", "The total number of outgoing packets.", hex(f[2]));
    sink.counter("node_ipvs_incoming_bytes_total", "The total amount of incoming data.", hex(f[3]));
    sink.counter("node_ipvs_outgoing_bytes_total", "The total amount of outgoing data.", hex(f[4]));

    Map<String, String[]> labels = new LinkedHashMap<>();
    Map<String, long[]> sums = new LinkedHashMap<>();
    String proto = "";
    String localMark = "";
    String localAddress = "";
    String localPort = "0";
    for (String line : ProcText.lines(HostFiles.readWhole(paths.proc("net", "ip_vs")))) {
      String[] p = ProcText.fields(line);
      if (p.length == 0) {
        continue;
      }
      if (p[0].equals("IP")
          || p[0].equals("Prot")
          || (p.length > 1 && p[1].equals("RemoteAddress:Port"))) {
        continue;
      }
      switch (p[0]) {
        case "TCP", "UDP" -> {
          if (p.length < 2) {
            continue;
          }
          proto = p[0];
          localMark = "";
          String[] ipPort = ipPort(p[1]);
          localAddress = ipPort[0];
          localPort = ipPort[1];
        }
        case "FWM" -> {
          if (p.length < 2) {
            continue;
          }
          proto = p[0];
          localMark = p[1];
          localAddress = "";
          localPort = "0";
        }
        case "->" -> {
          if (p.length < 6) {
            continue;
          }
          String[] remote = ipPort(p[1]);
          long weight = Long.parseUnsignedLong(p[3]);
          long activeConn = Long.parseUnsignedLong(p[4]);
          long inactConn = Long.parseUnsignedLong(p[5]);
          String[] kv = new String[backendLabels.size() * 2];
          StringBuilder key = new StringBuilder();
          for (int i = 0; i < backendLabels.size(); i++) {
            String label = backendLabels.get(i);
            String value =
                switch (label) {
                  case "local_address" -> localAddress;
                  case "local_port" -> localPort;
                  case "remote_address" -> remote[0];
                  case "remote_port" -> remote[1];
                  case "proto" -> proto;
                  default -> localMark;
                };
            kv[2 * i] = label;
            kv[2 * i + 1] = value;
            if (i > 0) {
              key.append('-');
            }
            key.append(value);
          }
          String k = key.toString();
          long[] sum = sums.computeIfAbsent(k, x -> new long[3]);
          sum[0] += activeConn;
          sum[1] += inactConn;
          sum[2] += weight;
          labels.put(k, kv);
        }
        default -> {}
      }
    }
    MetricSink.Family active =
        sink.family(
            "node_ipvs_backend_connections_active",
            MetricType.GAUGE,
            "The current active connections by local and remote address.");
    MetricSink.Family inactive =
        sink.family(
            "node_ipvs_backend_connections_inactive",
            MetricType.GAUGE,
            "The current inactive connections by local and remote address.");
    MetricSink.Family weight =
        sink.family(
            "node_ipvs_backend_weight",
            MetricType.GAUGE,
            "The current backend weight by local and remote address.");
    for (Map.Entry<String, long[]> e : sums.entrySet()) {
      String[] kv = labels.get(e.getKey());
      active.add(ProcText.unsignedToDouble(e.getValue()[0]), kv);
      inactive.add(ProcText.unsignedToDouble(e.getValue()[1]), kv);
      weight.add(ProcText.unsignedToDouble(e.getValue()[2]), kv);
    }
  }

  private static double hex(String s) throws IOException {
    try {
      return Long.parseLong(s, 16);
    } catch (NumberFormatException e) {
      throw new IOException("could not get IPVS stats: " + e.getMessage(), e);
    }
  }

  /** procfs's {@code parseIPPort}: {@code C0A80016:0CEA} or {@code [2620:...:0001]:0050}. */
  private static String[] ipPort(String s) throws IOException {
    String ip;
    switch (s.length()) {
      case 13 -> ip = GoIp.format(HexFormat.of().parseHex(s, 0, 8));
      case 46 -> {
        String v6 = s.substring(1, 40);
        if (v6.indexOf(':') < 0) {
          throw new IOException("could not get backend status: invalid IPv6 address: " + v6);
        }
        ip = GoIp.format(InetAddress.ofLiteral(v6).getAddress());
      }
      default -> throw new IOException("could not get backend status: unexpected IP:Port: " + s);
    }
    int port = Integer.parseInt(s.substring(s.length() - 4), 16);
    return new String[] {ip, Integer.toString(port)};
  }
}
