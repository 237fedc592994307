package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    // node_exporter merges the three files into one map by protocol, later files winning a
    // protocol, and parses every value before filtering: a malformed value fails the collector
    Map<String, String[][]> byProtocol = new LinkedHashMap<>();
    pairs(HostFiles.readWhole(paths.proc("net", "netstat")), "net/netstat", byProtocol);
    pairs(HostFiles.readWhole(paths.proc("net", "snmp")), "net/snmp", byProtocol);
    String snmp6;
    try {
      snmp6 = HostFiles.readWhole(paths.proc("net", "snmp6"));
    } catch (NoSuchFileException e) {
      snmp6 = ""; // IPv6 disabled
    }
    Map<String, List<String[]>> six = new LinkedHashMap<>();
    for (String line : ProcText.lines(snmp6)) {
      String[] f = ProcText.fields(line);
      if (f.length < 2) {
        continue;
      }
      int at = f[0].indexOf('6');
      if (at >= 0) {
        six.computeIfAbsent(f[0].substring(0, at + 1), p -> new ArrayList<>())
            .add(new String[] {f[0].substring(at + 1), f[1]});
      }
    }
    for (Map.Entry<String, List<String[]>> e : six.entrySet()) {
      List<String[]> kv = e.getValue();
      String[] names = new String[kv.size() + 1];
      String[] values = new String[kv.size() + 1];
      for (int i = 0; i < kv.size(); i++) {
        names[i + 1] = kv.get(i)[0];
        values[i + 1] = kv.get(i)[1];
      }
      byProtocol.put(e.getKey(), new String[][] {names, values});
    }
    for (Map.Entry<String, String[][]> e : byProtocol.entrySet()) {
      String[] names = e.getValue()[0];
      String[] values = e.getValue()[1];
      for (int k = 1; k < names.length; k++) {
        double value;
        try {
          value = Double.parseDouble(values[k]);
        } catch (NumberFormatException ex) {
          throw new IOException("invalid value " + values[k] + " in netstats", ex);
        }
        emit(sink, e.getKey(), names[k], value);
      }
    }
  }

  private static void pairs(String text, String file, Map<String, String[][]> byProtocol)
      throws IOException {
    List<String> lines = ProcText.lines(text);
    for (int i = 0; i < lines.size(); i += 2) {
      String[] names = lines.get(i).split(" ", -1);
      String[] values = i + 1 < lines.size() ? lines.get(i + 1).split(" ", -1) : new String[] {""};
      String protocol = names[0].substring(0, Math.max(0, names[0].length() - 1));
      if (names.length != values.length) {
        throw new IOException("mismatch field count mismatch in " + file + ": " + protocol);
      }
      byProtocol.put(protocol, new String[][] {names, values});
    }
  }

  private void emit(MetricSink sink, String protocol, String field, double value) {
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
      sink.untyped(metric[0], metric[1], value);
    }
  }
}
