package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's {@code netstat} collector: the protocol counters of {@code /proc/net/netstat},
 * {@code /proc/net/snmp} and {@code /proc/net/snmp6} whose {@code <Protocol>_<Name>} matches {@code
 * fields}, untyped. A host without IPv6 has no {@code snmp6}; that is not an error.
 */
public final class NetstatCollector implements NodeCollector {
  /** node_exporter's {@code --collector.netstat.fields} default. */
  public static final String DEFAULT_FIELDS =
      "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)"
          + "|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)"
          + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
          + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

  private static final String[] REJECTED = {null, null};

  private final HostPaths paths;
  private final Pattern fields;
  // "<Protocol> <Name>" -> {metric name, help}, or REJECTED; the kernel's key set is fixed
  private final Map<String, String[]> decisions = new HashMap<>();

  /**
   * Reads under {@code paths.procfs()}, keeping the {@code Protocol_Name}s {@code fields} matches.
   */
  public NetstatCollector(HostPaths paths, Pattern fields) {
    this.paths = paths;
    this.fields = fields;
  }

  @Override
  public String name() {
    return "netstat";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    // node_exporter merges the three files into one map by protocol; later files win a protocol
    Map<String, Runnable> byProtocol = new java.util.LinkedHashMap<>();
    pairs(ProcText.read(paths.proc("net", "netstat")), "net/netstat", sink, byProtocol);
    pairs(ProcText.read(paths.proc("net", "snmp")), "net/snmp", sink, byProtocol);
    String snmp6;
    try {
      snmp6 = ProcText.read(paths.proc("net", "snmp6"));
    } catch (NoSuchFileException e) {
      snmp6 = null;
    }
    if (snmp6 != null) {
      Map<String, Map<String, String>> six = new java.util.LinkedHashMap<>();
      for (String line : ProcText.lines(snmp6)) {
        String[] f = ProcText.fields(line);
        if (f.length < 2) {
          continue;
        }
        int six6 = f[0].indexOf('6');
        if (six6 < 0) {
          continue;
        }
        six.computeIfAbsent(f[0].substring(0, six6 + 1), p -> new java.util.LinkedHashMap<>())
            .put(f[0].substring(six6 + 1), f[1]);
      }
      for (Map.Entry<String, Map<String, String>> e : six.entrySet()) {
        String protocol = e.getKey();
        Map<String, String> values = e.getValue();
        byProtocol.put(
            protocol,
            () -> {
              for (Map.Entry<String, String> v : values.entrySet()) {
                emit(sink, protocol, v.getKey(), v.getValue());
              }
            });
      }
    }
    for (Runnable r : byProtocol.values()) {
      r.run();
    }
  }

  private void pairs(String text, String file, MetricSink sink, Map<String, Runnable> byProtocol)
      throws IOException {
    List<String> lines = ProcText.lines(text);
    for (int i = 0; i < lines.size(); i += 2) {
      String[] names = lines.get(i).split(" ", -1);
      String[] values = i + 1 < lines.size() ? lines.get(i + 1).split(" ", -1) : new String[] {""};
      String protocol = names[0].substring(0, Math.max(0, names[0].length() - 1));
      if (names.length != values.length) {
        throw new IOException("mismatch field count mismatch in " + file + ": " + protocol);
      }
      byProtocol.put(
          protocol,
          () -> {
            for (int k = 1; k < names.length; k++) {
              emit(sink, protocol, names[k], values[k]);
            }
          });
    }
  }

  private void emit(MetricSink sink, String protocol, String field, String value) {
    String[] metric =
        decisions.computeIfAbsent(
            protocol + " " + field,
            k -> {
              String key = protocol + "_" + field;
              return fields.matcher(key).find()
                  ? new String[] {"node_netstat_" + key, "Statistic " + protocol + field + "."}
                  : REJECTED;
            });
    if (metric != REJECTED) {
      sink.untyped(metric[0], metric[1], Double.parseDouble(value));
    }
  }
}
