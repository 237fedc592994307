package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * node_exporter's {@code nfs} collector: NFS client statistics from {@code /proc/net/rpc/nfs}.
 * Every family is written even when its line is absent (as zeros), as node_exporter does from its
 * parsed struct. Without the nfs module there is no file: no data.
 */
public final class NfsCollector implements NodeCollector {
  // procfs's field order for each procedure line (index 0 is the line's count)
  static final String[] V2 = {
    "Null", "GetAttr", "SetAttr", "Root", "Lookup", "ReadLink", "Read", "WrCache", "Write",
    "Create", "Remove", "Rename", "Link", "SymLink", "MkDir", "RmDir", "ReadDir", "FsStat",
  };
  static final String[] V3 = {
    "Null", "GetAttr", "SetAttr", "Lookup", "Access", "ReadLink", "Read", "Write", "Create",
    "MkDir", "SymLink", "MkNod", "Remove", "RmDir", "Rename", "Link", "ReadDir", "ReadDirPlus",
    "FsStat", "FsInfo", "PathConf", "Commit",
  };
  private static final String[] V4 = {
    "Null",
    "Read",
    "Write",
    "Commit",
    "Open",
    "OpenConfirm",
    "OpenNoattr",
    "OpenDowngrade",
    "Close",
    "Setattr",
    "FsInfo",
    "Renew",
    "SetClientID",
    "SetClientIDConfirm",
    "Lock",
    "Lockt",
    "Locku",
    "Access",
    "Getattr",
    "Lookup",
    "LookupRoot",
    "Remove",
    "Rename",
    "Link",
    "Symlink",
    "Create",
    "Pathconf",
    "StatFs",
    "ReadLink",
    "ReadDir",
    "ServerCaps",
    "DelegReturn",
    "GetACL",
    "SetACL",
    "FsLocations",
    "ReleaseLockowner",
    "Secinfo",
    "FsidPresent",
    "ExchangeID",
    "CreateSession",
    "DestroySession",
    "Sequence",
    "GetLeaseTime",
    "ReclaimComplete",
    "LayoutGet",
    "GetDeviceInfo",
    "LayoutCommit",
    "LayoutReturn",
    "SecinfoNoName",
    "TestStateID",
    "FreeStateID",
    "GetDeviceList",
    "BindConnToSession",
    "DestroyClientID",
    "Seek",
    "Allocate",
    "DeAllocate",
    "LayoutStats",
    "Clone",
  };

  private final HostPaths paths;

  /** Reads {@code net/rpc/nfs} under {@code paths.procfs()}. */
  public NfsCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "nfs";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String text;
    try {
      text = HostFiles.readWhole(paths.proc("net", "rpc", "nfs"));
    } catch (NoSuchFileException e) {
      throw new NoDataException("Not collecting NFS metrics: " + e.getMessage());
    }
    double[] net = new double[4];
    double[] rpc = new double[3];
    double[] v2 = new double[V2.length];
    double[] v3 = new double[V3.length];
    double[] v4 = new double[V4.length];
    for (String line : ProcText.lines(text)) {
      String[] f = ProcText.fields(line);
      if (f.length < 2) {
        throw new IOException("failed to retrieve nfs stats: invalid NFS metric line " + line);
      }
      double[] v = Nfsd.values(f, 1, f.length);
      switch (f[0]) {
        case "net" -> Nfsd.exactly(v, net, line);
        case "rpc" -> Nfsd.exactly(v, rpc, line);
        case "proc2" -> Nfsd.procedures(v, v2, 18, line);
        case "proc3" -> Nfsd.procedures(v, v3, 22, line);
        case "proc4" -> {
          if (v[0] != v.length - 1) {
            throw new IOException(
                "failed to retrieve nfs stats: invalid ClientV4Stats line " + line);
          }
          // older kernels write fewer operations: the rest stay zero
          System.arraycopy(v, 1, v4, 0, Math.min(V4.length, v.length - 1));
        }
        default ->
            throw new IOException("failed to retrieve nfs stats: unknown NFS metric line " + f[0]);
      }
    }
    MetricSink.Family packets =
        sink.family(
            "node_nfs_packets_total",
            MetricType.COUNTER,
            "Total NFSd network packets (sent+received) by protocol type.");
    packets.add(net[1], "protocol", "udp");
    packets.add(net[2], "protocol", "tcp");
    sink.counter("node_nfs_connections_total", "Total number of NFSd TCP connections.", net[3]);
    sink.counter("node_nfs_rpcs_total", "Total number of RPCs performed.", rpc[0]);
    sink.counter(
        "node_nfs_rpc_retransmissions_total", "Number of RPC transmissions performed.", rpc[1]);
    sink.counter(
        "node_nfs_rpc_authentication_refreshes_total",
        "Number of RPC authentication refreshes performed.",
        rpc[2]);
    MetricSink.Family requests =
        sink.family(
            "node_nfs_requests_total", MetricType.COUNTER, "Number of NFS procedures invoked.");
    for (int i = 0; i < V2.length; i++) {
      requests.add(v2[i], "proto", "2", "method", V2[i]);
    }
    for (int i = 0; i < V3.length; i++) {
      requests.add(v3[i], "proto", "3", "method", V3[i]);
    }
    for (int i = 0; i < V4.length; i++) {
      requests.add(v4[i], "proto", "4", "method", V4[i]);
    }
  }
}
